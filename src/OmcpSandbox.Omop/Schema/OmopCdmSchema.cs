using NpgsqlTypes;

namespace OmcpSandbox.Omop.Schema;

/// <summary>
/// The subset of OMOP CDM 5.4 tables this project creates, with the column names and types of the OHDSI CDM 5.4
/// PostgreSQL DDL.
/// </summary>
public static class OmopCdmSchema
{
    /// <summary>The schema that holds the tables.</summary>
    public const string Name = "omop_cdm";

    /// <summary>Gets the person table.</summary>
    public static OmopTableDefinition Person { get; } = Table("person", "person_id",
        Int("person_id"), Int("gender_concept_id"), Int("year_of_birth"), Int("month_of_birth", false),
        Int("day_of_birth", false), Timestamp("birth_datetime"), Int("race_concept_id"), Int("ethnicity_concept_id"),
        Int("location_id", false), Int("provider_id", false), Int("care_site_id", false), Text("person_source_value", 50),
        Text("gender_source_value", 50), Int("gender_source_concept_id", false), Text("race_source_value", 50),
        Int("race_source_concept_id", false), Text("ethnicity_source_value", 50), Int("ethnicity_source_concept_id", false));

    /// <summary>Gets the observation_period table.</summary>
    public static OmopTableDefinition ObservationPeriod { get; } = Table("observation_period", "observation_period_id",
        Int("observation_period_id"), Int("person_id"), Date("observation_period_start_date"),
        Date("observation_period_end_date"), Int("period_type_concept_id"));

    /// <summary>Gets the visit_occurrence table.</summary>
    public static OmopTableDefinition VisitOccurrence { get; } = Table("visit_occurrence", "visit_occurrence_id",
        Int("visit_occurrence_id"), Int("person_id"), Int("visit_concept_id"), Date("visit_start_date"),
        Timestamp("visit_start_datetime"), Date("visit_end_date"), Timestamp("visit_end_datetime"),
        Int("visit_type_concept_id"), Int("provider_id", false), Int("care_site_id", false), Text("visit_source_value", 50),
        Int("visit_source_concept_id", false), Int("admitted_from_concept_id", false), Text("admitted_from_source_value", 50),
        Int("discharged_to_concept_id", false), Text("discharged_to_source_value", 50),
        Int("preceding_visit_occurrence_id", false));

    /// <summary>Gets the condition_occurrence table.</summary>
    public static OmopTableDefinition ConditionOccurrence { get; } = Table("condition_occurrence", "condition_occurrence_id",
        Int("condition_occurrence_id"), Int("person_id"), Int("condition_concept_id"), Date("condition_start_date"),
        Timestamp("condition_start_datetime"), Date("condition_end_date", false), Timestamp("condition_end_datetime"),
        Int("condition_type_concept_id"), Int("condition_status_concept_id", false), Text("stop_reason", 20),
        Int("provider_id", false), Int("visit_occurrence_id", false), Int("visit_detail_id", false),
        Text("condition_source_value", 50), Int("condition_source_concept_id", false),
        Text("condition_status_source_value", 50));

    /// <summary>Gets the drug_exposure table.</summary>
    public static OmopTableDefinition DrugExposure { get; } = Table("drug_exposure", "drug_exposure_id",
        Int("drug_exposure_id"), Int("person_id"), Int("drug_concept_id"), Date("drug_exposure_start_date"),
        Timestamp("drug_exposure_start_datetime"), Date("drug_exposure_end_date"), Timestamp("drug_exposure_end_datetime"),
        Date("verbatim_end_date", false), Int("drug_type_concept_id"), Text("stop_reason", 20), Int("refills", false),
        Numeric("quantity"), Int("days_supply", false), new OmopColumnDefinition("sig", "text", NpgsqlDbType.Text, false),
        Int("route_concept_id", false), Text("lot_number", 50), Int("provider_id", false), Int("visit_occurrence_id", false),
        Int("visit_detail_id", false), Text("drug_source_value", 50), Int("drug_source_concept_id", false),
        Text("route_source_value", 50), Text("dose_unit_source_value", 50));

    /// <summary>Gets the measurement table.</summary>
    public static OmopTableDefinition Measurement { get; } = Table("measurement", "measurement_id",
        Int("measurement_id"), Int("person_id"), Int("measurement_concept_id"), Date("measurement_date"),
        Timestamp("measurement_datetime"), Text("measurement_time", 10), Int("measurement_type_concept_id"),
        Int("operator_concept_id", false), Numeric("value_as_number"), Int("value_as_concept_id", false),
        Int("unit_concept_id", false), Numeric("range_low"), Numeric("range_high"), Int("provider_id", false),
        Int("visit_occurrence_id", false), Int("visit_detail_id", false), Text("measurement_source_value", 50),
        Int("measurement_source_concept_id", false), Text("unit_source_value", 50), Int("unit_source_concept_id", false),
        Text("value_source_value", 50), BigInt("measurement_event_id"), Int("meas_event_field_concept_id", false));

    /// <summary>Gets the observation table.</summary>
    public static OmopTableDefinition Observation { get; } = Table("observation", "observation_id",
        Int("observation_id"), Int("person_id"), Int("observation_concept_id"), Date("observation_date"),
        Timestamp("observation_datetime"), Int("observation_type_concept_id"), Numeric("value_as_number"),
        Text("value_as_string", 60), Int("value_as_concept_id", false), Int("qualifier_concept_id", false),
        Int("unit_concept_id", false), Int("provider_id", false), Int("visit_occurrence_id", false),
        Int("visit_detail_id", false), Text("observation_source_value", 50), Int("observation_source_concept_id", false),
        Text("unit_source_value", 50), Text("qualifier_source_value", 50), Text("value_source_value", 50),
        BigInt("observation_event_id"), Int("obs_event_field_concept_id", false));

    /// <summary>Gets the death table.</summary>
    public static OmopTableDefinition Death { get; } = Table("death", "person_id",
        Int("person_id"), Date("death_date"), Timestamp("death_datetime"), Int("death_type_concept_id", false),
        Int("cause_concept_id", false), Text("cause_source_value", 50), Int("cause_source_concept_id", false));

    /// <summary>Gets the concept table.</summary>
    public static OmopTableDefinition Concept { get; } = Table("concept", "concept_id",
        Int("concept_id"), Text("concept_name", 255, true), Text("domain_id", 20, true), Text("vocabulary_id", 20, true),
        Text("concept_class_id", 20, true), Text("standard_concept", 1), Text("concept_code", 50, true),
        Date("valid_start_date"), Date("valid_end_date"), Text("invalid_reason", 1));

    /// <summary>Gets the concept_ancestor table.</summary>
    public static OmopTableDefinition ConceptAncestor { get; } = Table("concept_ancestor", null,
        Int("ancestor_concept_id"), Int("descendant_concept_id"), Int("min_levels_of_separation"),
        Int("max_levels_of_separation"));

    /// <summary>Gets every table, vocabulary tables first.</summary>
    public static IReadOnlyList<OmopTableDefinition> Tables { get; } =
    [
        Concept, ConceptAncestor, Person, ObservationPeriod, VisitOccurrence, ConditionOccurrence, DrugExposure,
        Measurement, Observation, Death,
    ];

    /// <summary>Gets the tables that hold patient data, which the generator and the Synthea import replace.</summary>
    public static IReadOnlyList<OmopTableDefinition> ClinicalTables { get; } =
        [Person, ObservationPeriod, VisitOccurrence, ConditionOccurrence, DrugExposure, Measurement, Observation, Death];

    private static OmopTableDefinition Table(string name, string? primaryKey, params OmopColumnDefinition[] columns) =>
        new(name, columns, primaryKey);

    private static OmopColumnDefinition Int(string name, bool required = true) =>
        new(name, "integer", NpgsqlDbType.Integer, required);

    private static OmopColumnDefinition BigInt(string name) => new(name, "bigint", NpgsqlDbType.Bigint, false);

    private static OmopColumnDefinition Date(string name, bool required = true) => new(name, "date", NpgsqlDbType.Date, required);

    private static OmopColumnDefinition Timestamp(string name) => new(name, "timestamp", NpgsqlDbType.Timestamp, false);

    private static OmopColumnDefinition Numeric(string name) => new(name, "numeric", NpgsqlDbType.Numeric, false);

    private static OmopColumnDefinition Text(string name, int length, bool required = false) =>
        new(name, $"varchar({length})", NpgsqlDbType.Varchar, required);
}
