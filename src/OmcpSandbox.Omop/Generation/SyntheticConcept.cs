namespace OmcpSandbox.Omop.Generation;

/// <summary>One entry of the built-in concept table.</summary>
/// <param name="Id">The concept_id, as in the OHDSI standard vocabularies.</param>
/// <param name="Name">The concept_name.</param>
/// <param name="Domain">The domain_id, for example Condition or Drug.</param>
/// <param name="Vocabulary">The vocabulary_id, for example SNOMED, RxNorm or LOINC.</param>
/// <param name="ConceptClass">The concept_class_id.</param>
/// <param name="Code">The concept_code in its vocabulary.</param>
public sealed record SyntheticConcept(int Id, string Name, string Domain, string Vocabulary, string ConceptClass, string Code);
