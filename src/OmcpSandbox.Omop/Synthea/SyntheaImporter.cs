using System.Globalization;
using OmcpSandbox.Omop.Generation;
using OmcpSandbox.Omop.Schema;
using C = OmcpSandbox.Omop.Generation.SyntheticConcepts;

namespace OmcpSandbox.Omop.Synthea;

/// <summary>
/// Maps a Synthea CSV export (patients.csv, encounters.csv and conditions.csv, with medications.csv and
/// observations.csv when present) to OMOP rows. Codes that match a built-in concept get its concept_id; others get
/// concept_id 0 and keep the code in the *_source_value column.
/// </summary>
public static class SyntheaImporter
{
    private static readonly string[] _patientColumns = ["Id", "BIRTHDATE", "GENDER", "RACE", "ETHNICITY"];
    private static readonly string[] _encounterColumns = ["Id", "START", "STOP", "PATIENT", "ENCOUNTERCLASS"];
    private static readonly string[] _conditionColumns = ["START", "PATIENT", "ENCOUNTER", "CODE"];
    private static readonly string[] _medicationColumns = ["START", "PATIENT", "ENCOUNTER", "CODE"];
    private static readonly string[] _observationColumns = ["DATE", "PATIENT", "ENCOUNTER", "CODE", "VALUE"];

    /// <summary>Reads the export in <paramref name="directory"/> into a dataset that includes the built-in concepts.</summary>
    /// <exception cref="SyntheaImportException">A file, a column or a value is missing or invalid.</exception>
    public static async Task<OmopDataset> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new SyntheaImportException($"The directory {directory} does not exist; pass the csv folder of a Synthea export.", directory);
        }

        var patients = await CsvTable.ReadAsync(directory, "patients.csv", _patientColumns, cancellationToken);
        var encounters = await CsvTable.ReadAsync(directory, "encounters.csv", _encounterColumns, cancellationToken);
        var conditions = await CsvTable.ReadAsync(directory, "conditions.csv", _conditionColumns, cancellationToken);
        var medications = File.Exists(Path.Combine(directory, "medications.csv"))
            ? await CsvTable.ReadAsync(directory, "medications.csv", _medicationColumns, cancellationToken)
            : null;
        var observations = File.Exists(Path.Combine(directory, "observations.csv"))
            ? await CsvTable.ReadAsync(directory, "observations.csv", _observationColumns, cancellationToken)
            : null;

        var dataset = new OmopDataset();
        VocabularyRows.AddTo(dataset);
        var mapper = new SyntheaMapper(dataset);
        mapper.AddPatients(patients);
        mapper.AddEncounters(encounters);
        mapper.AddConditions(conditions);
        if (medications is not null)
        {
            mapper.AddMedications(medications);
        }

        if (observations is not null)
        {
            mapper.AddObservations(observations);
        }

        mapper.AddObservationPeriods();
        return dataset;
    }

    private sealed class SyntheaMapper(OmopDataset dataset)
    {
        private readonly Dictionary<string, int> _personIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _visitIds = new(StringComparer.Ordinal);
        private readonly Dictionary<int, (DateOnly First, DateOnly Last)> _spans = [];
        private readonly Dictionary<(string Vocabulary, string Code), SyntheticConcept> _concepts =
            C.All.GroupBy(concept => (concept.Vocabulary, concept.Code)).ToDictionary(group => group.Key, group => group.First());

        private int _conditionId;
        private int _drugId;
        private int _measurementId;
        private int _observationId;

        public void AddPatients(CsvTable table)
        {
            foreach (var (line, fields) in table.Rows)
            {
                var id = Required(table, fields, line, "Id");
                var personId = _personIds.Count + 1;
                if (!_personIds.TryAdd(id, personId))
                {
                    throw new SyntheaImportException($"The patient Id {id} appears twice in patients.csv (line {line}).", table.File, "Id", line);
                }

                var birth = ParseDate(table, fields, line, "BIRTHDATE");
                var gender = table.Get(fields, "GENDER").Trim().ToUpperInvariant() switch
                {
                    "M" => C.Male,
                    "F" => C.Female,
                    _ => C.NoMatchingConcept,
                };
                var race = table.Get(fields, "RACE").Trim().ToLowerInvariant() switch
                {
                    "white" => C.White,
                    "black" => C.Black,
                    "asian" => C.Asian,
                    _ => C.NoMatchingConcept,
                };
                var ethnicity = table.Get(fields, "ETHNICITY").Trim().ToLowerInvariant() switch
                {
                    "hispanic" => C.Hispanic,
                    "nonhispanic" => C.NotHispanic,
                    _ => C.NoMatchingConcept,
                };
                dataset.Add(OmopCdmSchema.Person.NewRow()
                    .Set("person_id", personId)
                    .Set("gender_concept_id", gender.Id)
                    .Set("year_of_birth", birth.Year)
                    .Set("month_of_birth", birth.Month)
                    .Set("day_of_birth", birth.Day)
                    .Set("birth_datetime", birth.ToDateTime(TimeOnly.MinValue))
                    .Set("race_concept_id", race.Id)
                    .Set("ethnicity_concept_id", ethnicity.Id)
                    .Set("person_source_value", Truncate(id, 50))
                    .Set("gender_source_value", Truncate(table.Get(fields, "GENDER"), 50))
                    .Set("race_source_value", Truncate(table.Get(fields, "RACE"), 50))
                    .Set("ethnicity_source_value", Truncate(table.Get(fields, "ETHNICITY"), 50)));

                if (table.HasColumn("DEATHDATE") && table.Get(fields, "DEATHDATE") is { Length: > 0 })
                {
                    dataset.Add(OmopCdmSchema.Death.NewRow()
                        .Set("person_id", personId)
                        .Set("death_date", ParseDate(table, fields, line, "DEATHDATE"))
                        .Set("death_type_concept_id", C.Ehr.Id));
                }
            }
        }

        public void AddEncounters(CsvTable table)
        {
            foreach (var (line, fields) in table.Rows)
            {
                var personId = Person(table, fields, line);
                var start = ParseTimestamp(table, fields, line, "START");
                var stop = table.Get(fields, "STOP") is { Length: > 0 } ? ParseTimestamp(table, fields, line, "STOP") : start;
                var visit = table.Get(fields, "ENCOUNTERCLASS").Trim().ToLowerInvariant() switch
                {
                    "inpatient" => C.InpatientVisit,
                    "emergency" or "urgentcare" => C.EmergencyVisit,
                    _ => C.OutpatientVisit,
                };
                var visitId = _visitIds.Count + 1;
                var encounterId = Required(table, fields, line, "Id");
                if (!_visitIds.TryAdd(encounterId, visitId))
                {
                    throw new SyntheaImportException($"The encounter Id {encounterId} appears twice in encounters.csv (line {line}).",
                        table.File, "Id", line);
                }

                dataset.Add(OmopCdmSchema.VisitOccurrence.NewRow()
                    .Set("visit_occurrence_id", visitId)
                    .Set("person_id", personId)
                    .Set("visit_concept_id", visit.Id)
                    .Set("visit_start_date", DateOnly.FromDateTime(start))
                    .Set("visit_start_datetime", start)
                    .Set("visit_end_date", DateOnly.FromDateTime(stop))
                    .Set("visit_end_datetime", stop)
                    .Set("visit_type_concept_id", C.Ehr.Id)
                    .Set("visit_source_value", Truncate(table.Get(fields, "ENCOUNTERCLASS"), 50)));
                Extend(personId, DateOnly.FromDateTime(start));
                Extend(personId, DateOnly.FromDateTime(stop));
            }
        }

        public void AddConditions(CsvTable table)
        {
            foreach (var (line, fields) in table.Rows)
            {
                var personId = Person(table, fields, line);
                var start = ParseDate(table, fields, line, "START");
                var code = Required(table, fields, line, "CODE");
                var stop = table.Get(fields, "STOP") is { Length: > 0 } ? ParseDate(table, fields, line, "STOP") : (DateOnly?)null;
                dataset.Add(OmopCdmSchema.ConditionOccurrence.NewRow()
                    .Set("condition_occurrence_id", ++_conditionId)
                    .Set("person_id", personId)
                    .Set("condition_concept_id", ConceptId("SNOMED", code))
                    .Set("condition_start_date", start)
                    .Set("condition_end_date", stop)
                    .Set("condition_type_concept_id", C.Ehr.Id)
                    .Set("visit_occurrence_id", Visit(table, fields))
                    .Set("condition_source_value", Truncate(code, 50))
                    .Set("condition_source_concept_id", 0));
                Extend(personId, start);
            }
        }

        public void AddMedications(CsvTable table)
        {
            foreach (var (line, fields) in table.Rows)
            {
                var personId = Person(table, fields, line);
                var start = ParseDate(table, fields, line, "START");
                var stop = table.Get(fields, "STOP") is { Length: > 0 } ? ParseDate(table, fields, line, "STOP") : start;
                var code = Required(table, fields, line, "CODE");
                dataset.Add(OmopCdmSchema.DrugExposure.NewRow()
                    .Set("drug_exposure_id", ++_drugId)
                    .Set("person_id", personId)
                    .Set("drug_concept_id", ConceptId("RxNorm", code))
                    .Set("drug_exposure_start_date", start)
                    .Set("drug_exposure_end_date", stop < start ? start : stop)
                    .Set("drug_type_concept_id", C.Ehr.Id)
                    .Set("visit_occurrence_id", Visit(table, fields))
                    .Set("drug_source_value", Truncate(code, 50))
                    .Set("drug_source_concept_id", 0));
                Extend(personId, start);
            }
        }

        public void AddObservations(CsvTable table)
        {
            foreach (var (line, fields) in table.Rows)
            {
                var personId = Person(table, fields, line);
                var date = ParseDate(table, fields, line, "DATE");
                var code = Required(table, fields, line, "CODE");
                var value = table.Get(fields, "VALUE");
                var numeric = decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                var conceptId = ConceptId("LOINC", code);
                if (numeric && table.Get(fields, "TYPE") is "" or "numeric")
                {
                    dataset.Add(OmopCdmSchema.Measurement.NewRow()
                        .Set("measurement_id", ++_measurementId)
                        .Set("person_id", personId)
                        .Set("measurement_concept_id", conceptId)
                        .Set("measurement_date", date)
                        .Set("measurement_type_concept_id", C.Ehr.Id)
                        .Set("value_as_number", number)
                        .Set("visit_occurrence_id", Visit(table, fields))
                        .Set("measurement_source_value", Truncate(code, 50))
                        .Set("unit_source_value", Truncate(table.Get(fields, "UNITS"), 50)));
                }
                else
                {
                    dataset.Add(OmopCdmSchema.Observation.NewRow()
                        .Set("observation_id", ++_observationId)
                        .Set("person_id", personId)
                        .Set("observation_concept_id", conceptId)
                        .Set("observation_date", date)
                        .Set("observation_type_concept_id", C.Ehr.Id)
                        .Set("value_as_string", Truncate(value, 60))
                        .Set("visit_occurrence_id", Visit(table, fields))
                        .Set("observation_source_value", Truncate(code, 50)));
                }

                Extend(personId, date);
            }
        }

        public void AddObservationPeriods()
        {
            foreach (var (personId, span) in _spans.OrderBy(pair => pair.Key))
            {
                dataset.Add(OmopCdmSchema.ObservationPeriod.NewRow()
                    .Set("observation_period_id", personId)
                    .Set("person_id", personId)
                    .Set("observation_period_start_date", span.First)
                    .Set("observation_period_end_date", span.Last)
                    .Set("period_type_concept_id", C.Ehr.Id));
            }
        }

        private int Person(CsvTable table, string[] fields, int line)
        {
            var id = Required(table, fields, line, "PATIENT");
            return _personIds.TryGetValue(id, out var personId)
                ? personId
                : throw new SyntheaImportException(
                    $"The PATIENT {id} in {table.File} line {line} is not in patients.csv; export all files from one Synthea run.",
                    table.File, "PATIENT", line);
        }

        private int? Visit(CsvTable table, string[] fields) =>
            _visitIds.TryGetValue(table.Get(fields, "ENCOUNTER"), out var visitId) ? visitId : null;

        private int ConceptId(string vocabulary, string code) =>
            _concepts.TryGetValue((vocabulary, code.Trim()), out var concept) ? concept.Id : 0;

        private void Extend(int personId, DateOnly date) =>
            _spans[personId] = _spans.TryGetValue(personId, out var span)
                ? (date < span.First ? date : span.First, date > span.Last ? date : span.Last)
                : (date, date);

        private static string Required(CsvTable table, string[] fields, int line, string column) =>
            table.Get(fields, column) is { Length: > 0 } value
                ? value
                : throw new SyntheaImportException(
                    $"The {column} value in {table.File} line {line} is empty; every row needs one.", table.File, column, line);

        private static DateOnly ParseDate(CsvTable table, string[] fields, int line, string column)
        {
            var text = Required(table, fields, line, column);
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            return DateOnly.FromDateTime(ParseTimestamp(table, fields, line, column));
        }

        private static DateTime ParseTimestamp(CsvTable table, string[] fields, int line, string column)
        {
            var text = Required(table, fields, line, column);
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Unspecified);
            }

            throw new SyntheaImportException(
                $"Invalid {column} '{text}' in {table.File} line {line}; expected a date such as 2019-02-17 or 2019-02-17T10:12:31Z.",
                table.File, column, line);
        }

        private static string? Truncate(string value, int length)
        {
            if (value.Length == 0)
            {
                return null;
            }

            return value.Length <= length ? value : value[..length];
        }
    }
}
