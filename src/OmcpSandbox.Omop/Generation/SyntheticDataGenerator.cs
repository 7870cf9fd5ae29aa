using OmcpSandbox.Omop.Schema;
using C = OmcpSandbox.Omop.Generation.SyntheticConcepts;

namespace OmcpSandbox.Omop.Generation;

/// <summary>
/// Generates a deterministic synthetic OMOP dataset: persons with an observation period, visits, conditions, drugs,
/// measurements, smoking status and some deaths. No row comes from a real patient.
/// </summary>
/// <remarks>
/// Each person draws from a generator seeded by the dataset seed and the person's number, so the first N persons are
/// the same whatever the total size.
/// </remarks>
public static class SyntheticDataGenerator
{
    private static readonly DateOnly _earliestStart = new(2012, 1, 1);
    private static readonly DateOnly _latestEnd = new(2024, 12, 31);

    private static readonly ChronicCondition[] _chronicConditions =
    [
        new(C.EssentialHypertension, 0.05, 0.006, [C.Lisinopril, C.Amlodipine]),
        new(C.Type2Diabetes, 0.02, 0.003, [C.Metformin]),
        new(C.Hyperlipidemia, 0.03, 0.004, [C.Simvastatin, C.Atorvastatin]),
        new(C.Obesity, 0.12, 0.001, []),
        new(C.Asthma, 0.08, 0.0, [C.Albuterol]),
        new(C.DepressiveDisorder, 0.08, 0.0005, [C.Sertraline]),
        new(C.Copd, 0.0, 0.0015, [C.Tiotropium]),
        new(C.CoronaryArteriosclerosis, 0.0, 0.0018, [C.Aspirin]),
    ];

    private static readonly (SyntheticConcept Condition, SyntheticConcept? Drug, int Days)[] _acuteConditions =
    [
        (C.UpperRespiratoryInfection, C.Acetaminophen, 5),
        (C.UrinaryTractInfection, C.Nitrofurantoin, 7),
        (C.AcuteBronchitis, C.Amoxicillin, 10),
        (C.ViralSinusitis, C.Acetaminophen, 5),
        (C.AnkleSprain, C.Acetaminophen, 7),
    ];

    /// <summary>Generates the vocabulary rows and <see cref="SyntheticDataOptions.Persons"/> persons.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number of persons is below 1.</exception>
    public static OmopDataset Generate(SyntheticDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Persons, 1, nameof(options.Persons));
        var dataset = new OmopDataset();
        VocabularyRows.AddTo(dataset);
        var ids = new IdCounters();
        for (var person = 1; person <= options.Persons; person++)
        {
            var random = new DeterministicRandom(((ulong)(uint)options.Seed << 32) | (uint)person);
            new PersonBuilder(dataset, random, ids, person).Build();
        }

        return dataset;
    }

    private sealed record ChronicCondition(
        SyntheticConcept Concept, double BasePrevalence, double PrevalencePerYearOfAge, IReadOnlyList<SyntheticConcept> Drugs);

    private sealed class IdCounters
    {
        public int Visit { get; set; }

        public int Condition { get; set; }

        public int Drug { get; set; }

        public int Measurement { get; set; }

        public int Observation { get; set; }
    }

    private sealed class PersonBuilder(OmopDataset dataset, DeterministicRandom random, IdCounters ids, int personId)
    {
        private readonly List<ChronicCondition> _conditions = [];
        private DateOnly _birth;
        private SyntheticConcept _gender = C.Male;

        public void Build()
        {
            AddPerson();
            var (start, end) = AddObservationPeriod();
            var age = end.Year - _birth.Year;
            foreach (var condition in _chronicConditions)
            {
                if (random.Chance(condition.BasePrevalence + (condition.PrevalencePerYearOfAge * age)))
                {
                    _conditions.Add(condition);
                }
            }

            var visitDates = Enumerable.Range(0, random.Between(2, 12))
                .Select(_ => start.AddDays(random.Between(0, end.DayNumber - start.DayNumber)))
                .Order()
                .ToList();
            var recorded = new HashSet<SyntheticConcept>();
            foreach (var date in visitDates)
            {
                AddVisit(date, end, recorded);
            }

            AddSmokingStatus(visitDates[0]);
            if (random.Chance(0.005 + (0.0004 * age) + (0.01 * _conditions.Count)))
            {
                AddDeath(end);
            }
        }

        private void AddPerson()
        {
            _gender = random.Chance(0.5) ? C.Male : C.Female;
            var year = random.Between(1935, 2015);
            _birth = new DateOnly(year, random.Between(1, 12), random.Between(1, 28));
            var race = random.NextDouble() switch
            {
                < 0.70 => C.White,
                < 0.85 => C.Black,
                < 0.95 => C.Asian,
                _ => C.NoMatchingConcept,
            };
            var ethnicity = random.Chance(0.15) ? C.Hispanic : C.NotHispanic;
            dataset.Add(OmopCdmSchema.Person.NewRow()
                .Set("person_id", personId)
                .Set("gender_concept_id", _gender.Id)
                .Set("year_of_birth", _birth.Year)
                .Set("month_of_birth", _birth.Month)
                .Set("day_of_birth", _birth.Day)
                .Set("birth_datetime", _birth.ToDateTime(TimeOnly.MinValue))
                .Set("race_concept_id", race.Id)
                .Set("ethnicity_concept_id", ethnicity.Id)
                .Set("person_source_value", $"SYN{personId:D7}")
                .Set("gender_source_value", _gender.Code)
                .Set("gender_source_concept_id", 0)
                .Set("race_source_value", race.Name.ToLowerInvariant())
                .Set("race_source_concept_id", 0)
                .Set("ethnicity_source_value", ethnicity.Code.ToLowerInvariant())
                .Set("ethnicity_source_concept_id", 0));
        }

        private (DateOnly Start, DateOnly End) AddObservationPeriod()
        {
            var earliest = _birth > _earliestStart ? _birth : _earliestStart;
            var start = earliest.AddDays(random.Between(0, 730));
            if (start > _latestEnd.AddDays(-365))
            {
                start = _latestEnd.AddDays(-365);
            }

            var end = start.AddDays(random.Between(365, 3650));
            end = end > _latestEnd ? _latestEnd : end;
            dataset.Add(OmopCdmSchema.ObservationPeriod.NewRow()
                .Set("observation_period_id", personId)
                .Set("person_id", personId)
                .Set("observation_period_start_date", start)
                .Set("observation_period_end_date", end)
                .Set("period_type_concept_id", C.Ehr.Id));
            return (start, end);
        }

        private void AddVisit(DateOnly date, DateOnly periodEnd, HashSet<SyntheticConcept> recorded)
        {
            var visitConcept = random.NextDouble() switch
            {
                < 0.80 => C.OutpatientVisit,
                < 0.92 => C.EmergencyVisit,
                _ => C.InpatientVisit,
            };
            var endDate = visitConcept == C.InpatientVisit ? date.AddDays(random.Between(1, 7)) : date;
            endDate = endDate > periodEnd ? periodEnd : endDate;
            var visitId = ++ids.Visit;
            var startTime = date.ToDateTime(new TimeOnly(random.Between(7, 18), random.Between(0, 59)));
            dataset.Add(OmopCdmSchema.VisitOccurrence.NewRow()
                .Set("visit_occurrence_id", visitId)
                .Set("person_id", personId)
                .Set("visit_concept_id", visitConcept.Id)
                .Set("visit_start_date", date)
                .Set("visit_start_datetime", startTime)
                .Set("visit_end_date", endDate)
                .Set("visit_end_datetime", endDate.ToDateTime(TimeOnly.FromDateTime(startTime).AddHours(1)))
                .Set("visit_type_concept_id", C.Ehr.Id)
                .Set("visit_source_value", visitConcept.Code)
                .Set("visit_source_concept_id", 0));

            foreach (var condition in _conditions)
            {
                var first = recorded.Add(condition.Concept);
                if (first || random.Chance(0.3))
                {
                    AddCondition(condition.Concept, date, null, visitId);
                    if (condition.Drugs.Count > 0)
                    {
                        AddDrug(random.Pick(condition.Drugs), date, random.Chance(0.5) ? 30 : 90, visitId);
                    }
                }
            }

            if (random.Chance(0.35))
            {
                var (acute, drug, days) = random.Pick(_acuteConditions);
                AddCondition(acute, date, date.AddDays(days + random.Between(0, 7)), visitId);
                if (drug is not null && random.Chance(0.7))
                {
                    AddDrug(drug, date, days, visitId);
                }
            }

            if (visitConcept != C.EmergencyVisit)
            {
                AddVitals(date, visitId);
                AddLabs(date, visitId);
            }
        }

        private void AddCondition(SyntheticConcept concept, DateOnly start, DateOnly? end, int visitId) =>
            dataset.Add(OmopCdmSchema.ConditionOccurrence.NewRow()
                .Set("condition_occurrence_id", ++ids.Condition)
                .Set("person_id", personId)
                .Set("condition_concept_id", concept.Id)
                .Set("condition_start_date", start)
                .Set("condition_start_datetime", start.ToDateTime(TimeOnly.MinValue))
                .Set("condition_end_date", end)
                .Set("condition_type_concept_id", C.Ehr.Id)
                .Set("visit_occurrence_id", visitId)
                .Set("condition_source_value", concept.Code)
                .Set("condition_source_concept_id", 0));

        private void AddDrug(SyntheticConcept drug, DateOnly start, int days, int visitId) =>
            dataset.Add(OmopCdmSchema.DrugExposure.NewRow()
                .Set("drug_exposure_id", ++ids.Drug)
                .Set("person_id", personId)
                .Set("drug_concept_id", drug.Id)
                .Set("drug_exposure_start_date", start)
                .Set("drug_exposure_start_datetime", start.ToDateTime(TimeOnly.MinValue))
                .Set("drug_exposure_end_date", start.AddDays(days - 1))
                .Set("drug_type_concept_id", C.Ehr.Id)
                .Set("refills", days > 30 ? random.Between(0, 3) : 0)
                .Set("quantity", (decimal)days)
                .Set("days_supply", days)
                .Set("visit_occurrence_id", visitId)
                .Set("drug_source_value", drug.Code)
                .Set("drug_source_concept_id", 0));

        private void AddVitals(DateOnly date, int visitId)
        {
            var hypertensive = Has(C.EssentialHypertension);
            var obese = Has(C.Obesity);
            var height = random.Normal(_gender == C.Male ? 176 : 163, 7);
            var weight = random.Normal(obese ? 105 : 76, 12);
            AddMeasurement(C.SystolicBloodPressure, date, visitId, random.Normal(hypertensive ? 148 : 122, 12), C.MillimeterMercury, 90, 120);
            AddMeasurement(C.DiastolicBloodPressure, date, visitId, random.Normal(hypertensive ? 92 : 78, 8), C.MillimeterMercury, 60, 80);
            AddMeasurement(C.HeartRate, date, visitId, random.Normal(74, 10), C.PerMinute, 60, 100);
            AddMeasurement(C.BodyHeight, date, visitId, height, C.Centimeter, null, null);
            AddMeasurement(C.BodyWeight, date, visitId, weight, C.Kilogram, null, null);
            AddMeasurement(C.BodyMassIndex, date, visitId, weight / Math.Pow(height / 100, 2), C.KilogramPerSquareMeter, 18.5, 25);
        }

        private void AddLabs(DateOnly date, int visitId)
        {
            var diabetic = Has(C.Type2Diabetes);
            if (diabetic || random.Chance(0.2))
            {
                AddMeasurement(C.HemoglobinA1c, date, visitId, random.Normal(diabetic ? 7.6 : 5.3, diabetic ? 1.1 : 0.3), C.Percent, 4, 5.6);
                AddMeasurement(C.Glucose, date, visitId, random.Normal(diabetic ? 160 : 92, diabetic ? 35 : 10), C.MilligramPerDeciliter, 70, 99);
            }

            if (Has(C.Hyperlipidemia) || random.Chance(0.15))
            {
                AddMeasurement(C.TotalCholesterol, date, visitId, random.Normal(Has(C.Hyperlipidemia) ? 245 : 185, 25),
                    C.MilligramPerDeciliter, 125, 200);
            }
        }

        private void AddMeasurement(
            SyntheticConcept concept, DateOnly date, int visitId, double value, SyntheticConcept unit, double? low, double? high) =>
            dataset.Add(OmopCdmSchema.Measurement.NewRow()
                .Set("measurement_id", ++ids.Measurement)
                .Set("person_id", personId)
                .Set("measurement_concept_id", concept.Id)
                .Set("measurement_date", date)
                .Set("measurement_datetime", date.ToDateTime(TimeOnly.MinValue))
                .Set("measurement_type_concept_id", C.Ehr.Id)
                .Set("value_as_number", Math.Round((decimal)value, 1))
                .Set("unit_concept_id", unit.Id)
                .Set("range_low", low is { } l ? (decimal)l : null)
                .Set("range_high", high is { } h ? (decimal)h : null)
                .Set("visit_occurrence_id", visitId)
                .Set("measurement_source_value", concept.Code)
                .Set("measurement_source_concept_id", 0)
                .Set("unit_source_value", unit.Code));

        private void AddSmokingStatus(DateOnly date)
        {
            var status = random.NextDouble() switch
            {
                < 0.60 => C.NeverSmoker,
                < 0.85 => C.FormerSmoker,
                _ => C.CurrentSmoker,
            };
            dataset.Add(OmopCdmSchema.Observation.NewRow()
                .Set("observation_id", ++ids.Observation)
                .Set("person_id", personId)
                .Set("observation_concept_id", C.TobaccoSmokingStatus.Id)
                .Set("observation_date", date)
                .Set("observation_datetime", date.ToDateTime(TimeOnly.MinValue))
                .Set("observation_type_concept_id", C.Ehr.Id)
                .Set("value_as_string", status.Name)
                .Set("value_as_concept_id", status.Id)
                .Set("observation_source_value", C.TobaccoSmokingStatus.Code)
                .Set("observation_source_concept_id", 0)
                .Set("value_source_value", status.Code));
        }

        private void AddDeath(DateOnly date)
        {
            var cause = _conditions.Count > 0 && random.Chance(0.6) ? random.Pick(_conditions).Concept : C.MyocardialInfarction;
            dataset.Add(OmopCdmSchema.Death.NewRow()
                .Set("person_id", personId)
                .Set("death_date", date)
                .Set("death_type_concept_id", C.Ehr.Id)
                .Set("cause_concept_id", cause.Id)
                .Set("cause_source_value", cause.Code)
                .Set("cause_source_concept_id", 0));
        }

        private bool Has(SyntheticConcept concept) => _conditions.Any(condition => condition.Concept == concept);
    }
}
