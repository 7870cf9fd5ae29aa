using OmcpSandbox.Omop.Schema;

namespace OmcpSandbox.Omop.Generation;

/// <summary>Adds the built-in concepts and their ancestry to a dataset.</summary>
public static class VocabularyRows
{
    private static readonly DateOnly _validStart = new(1970, 1, 1);
    private static readonly DateOnly _validEnd = new(2099, 12, 31);

    /// <summary>Adds a concept row for each of <see cref="SyntheticConcepts.All"/> and a concept_ancestor row for each link.</summary>
    public static void AddTo(OmopDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        foreach (var concept in SyntheticConcepts.All)
        {
            dataset.Add(OmopCdmSchema.Concept.NewRow()
                .Set("concept_id", concept.Id)
                .Set("concept_name", concept.Name)
                .Set("domain_id", concept.Domain)
                .Set("vocabulary_id", concept.Vocabulary)
                .Set("concept_class_id", concept.ConceptClass)
                .Set("standard_concept", concept.Id == 0 ? null : "S")
                .Set("concept_code", concept.Code)
                .Set("valid_start_date", _validStart)
                .Set("valid_end_date", _validEnd));

            if (concept.Id != 0)
            {
                AddAncestor(dataset, concept, concept, 0);
            }
        }

        foreach (var (ancestor, descendant) in SyntheticConcepts.Hierarchy)
        {
            AddAncestor(dataset, ancestor, descendant, 1);
        }
    }

    private static void AddAncestor(OmopDataset dataset, SyntheticConcept ancestor, SyntheticConcept descendant, int levels) =>
        dataset.Add(OmopCdmSchema.ConceptAncestor.NewRow()
            .Set("ancestor_concept_id", ancestor.Id)
            .Set("descendant_concept_id", descendant.Id)
            .Set("min_levels_of_separation", levels)
            .Set("max_levels_of_separation", levels));
}
