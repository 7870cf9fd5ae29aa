namespace OmcpSandbox.Omop.Generation;

/// <summary>
/// A small concept table for synthetic data. The ids, names and codes are written from memory of the OHDSI standard
/// vocabularies and are not checked against a vocabulary release. They are meant to look real in examples.
/// </summary>
public static class SyntheticConcepts
{
    public static SyntheticConcept NoMatchingConcept { get; } = new(0, "No matching concept", "Metadata", "None", "Undefined", "No matching concept");

    public static SyntheticConcept Male { get; } = new(8507, "MALE", "Gender", "Gender", "Gender", "M");
    public static SyntheticConcept Female { get; } = new(8532, "FEMALE", "Gender", "Gender", "Gender", "F");

    public static SyntheticConcept White { get; } = new(8527, "White", "Race", "Race", "Race", "5");
    public static SyntheticConcept Black { get; } = new(8516, "Black or African American", "Race", "Race", "Race", "3");
    public static SyntheticConcept Asian { get; } = new(8515, "Asian", "Race", "Race", "Race", "2");
    public static SyntheticConcept Hispanic { get; } = new(38003563, "Hispanic or Latino", "Ethnicity", "Ethnicity", "Ethnicity", "Hispanic");
    public static SyntheticConcept NotHispanic { get; } =
        new(38003564, "Not Hispanic or Latino", "Ethnicity", "Ethnicity", "Ethnicity", "Not Hispanic");

    public static SyntheticConcept InpatientVisit { get; } = new(9201, "Inpatient Visit", "Visit", "Visit", "Visit", "IP");
    public static SyntheticConcept OutpatientVisit { get; } = new(9202, "Outpatient Visit", "Visit", "Visit", "Visit", "OP");
    public static SyntheticConcept EmergencyVisit { get; } = new(9203, "Emergency Room Visit", "Visit", "Visit", "Visit", "ER");

    public static SyntheticConcept Ehr { get; } = new(32817, "EHR", "Type Concept", "Type Concept", "Type Concept", "OMOP4976890");

    public static SyntheticConcept DiabetesMellitus { get; } = Condition(201820, "Diabetes mellitus", "73211009");
    public static SyntheticConcept Type2Diabetes { get; } = Condition(201826, "Type 2 diabetes mellitus", "44054006");
    public static SyntheticConcept HypertensiveDisorder { get; } = Condition(316866, "Hypertensive disorder", "38341003");
    public static SyntheticConcept EssentialHypertension { get; } = Condition(320128, "Essential hypertension", "59621000");
    public static SyntheticConcept Hyperlipidemia { get; } = Condition(432867, "Hyperlipidemia", "55822004");
    public static SyntheticConcept Asthma { get; } = Condition(317009, "Asthma", "195967001");
    public static SyntheticConcept Copd { get; } = Condition(255573, "Chronic obstructive lung disease", "13645005");
    public static SyntheticConcept CoronaryArteriosclerosis { get; } = Condition(317576, "Coronary arteriosclerosis", "53741008");
    public static SyntheticConcept Obesity { get; } = Condition(433736, "Obesity", "414916001");
    public static SyntheticConcept DepressiveDisorder { get; } = Condition(440383, "Depressive disorder", "35489007");
    public static SyntheticConcept MyocardialInfarction { get; } = Condition(4329847, "Myocardial infarction", "22298006");
    public static SyntheticConcept UpperRespiratoryInfection { get; } =
        Condition(257011, "Acute upper respiratory infection", "54150009");
    public static SyntheticConcept UrinaryTractInfection { get; } = Condition(81902, "Urinary tract infectious disease", "68566005");
    public static SyntheticConcept AcuteBronchitis { get; } = Condition(260139, "Acute bronchitis", "10509002");
    public static SyntheticConcept ViralSinusitis { get; } = Condition(40481087, "Viral sinusitis", "444814009");
    public static SyntheticConcept AnkleSprain { get; } = Condition(81151, "Sprain of ankle", "44465007");

    public static SyntheticConcept Metformin { get; } = Drug(1503297, "metformin", "6809");
    public static SyntheticConcept Lisinopril { get; } = Drug(1308216, "lisinopril", "29046");
    public static SyntheticConcept Amlodipine { get; } = Drug(1332418, "amlodipine", "17767");
    public static SyntheticConcept Simvastatin { get; } = Drug(1539403, "simvastatin", "36567");
    public static SyntheticConcept Atorvastatin { get; } = Drug(1545958, "atorvastatin", "83367");
    public static SyntheticConcept Albuterol { get; } = Drug(1154343, "albuterol", "435");
    public static SyntheticConcept Acetaminophen { get; } = Drug(1125315, "acetaminophen", "161");
    public static SyntheticConcept Nitrofurantoin { get; } = Drug(920293, "nitrofurantoin", "7454");
    public static SyntheticConcept Amoxicillin { get; } = Drug(1713332, "amoxicillin", "723");
    public static SyntheticConcept Aspirin { get; } = Drug(1112807, "aspirin", "1191");
    public static SyntheticConcept Sertraline { get; } = Drug(739138, "sertraline", "36437");
    public static SyntheticConcept Tiotropium { get; } = Drug(1106776, "tiotropium", "69120");

    public static SyntheticConcept SystolicBloodPressure { get; } = Measurement(3004249, "Systolic blood pressure", "8480-6");
    public static SyntheticConcept DiastolicBloodPressure { get; } = Measurement(3012888, "Diastolic blood pressure", "8462-4");
    public static SyntheticConcept HeartRate { get; } = Measurement(3027018, "Heart rate", "8867-4");
    public static SyntheticConcept BodyWeight { get; } = Measurement(3025315, "Body weight", "29463-7");
    public static SyntheticConcept BodyHeight { get; } = Measurement(3036277, "Body height", "8302-2");
    public static SyntheticConcept BodyMassIndex { get; } = Measurement(3038553, "Body mass index (BMI) [Ratio]", "39156-5");
    public static SyntheticConcept HemoglobinA1c { get; } =
        Measurement(3004410, "Hemoglobin A1c/Hemoglobin.total in Blood", "4548-4");
    public static SyntheticConcept Glucose { get; } = Measurement(3004501, "Glucose [Mass/volume] in Serum or Plasma", "2345-7");
    public static SyntheticConcept TotalCholesterol { get; } =
        Measurement(3027114, "Cholesterol [Mass/volume] in Serum or Plasma", "2093-3");

    public static SyntheticConcept MillimeterMercury { get; } = Unit(8876, "millimeter mercury column", "mm[Hg]");
    public static SyntheticConcept PerMinute { get; } = Unit(8541, "per minute", "/min");
    public static SyntheticConcept Kilogram { get; } = Unit(9529, "kilogram", "kg");
    public static SyntheticConcept Centimeter { get; } = Unit(8582, "centimeter", "cm");
    public static SyntheticConcept KilogramPerSquareMeter { get; } = Unit(9531, "kilogram per square meter", "kg/m2");
    public static SyntheticConcept Percent { get; } = Unit(8554, "percent", "%");
    public static SyntheticConcept MilligramPerDeciliter { get; } = Unit(8840, "milligram per deciliter", "mg/dL");

    public static SyntheticConcept TobaccoSmokingStatus { get; } =
        new(43054909, "Tobacco smoking status", "Observation", "LOINC", "Clinical Observation", "72166-2");
    public static SyntheticConcept NeverSmoker { get; } = new(45879404, "Never smoker", "Meas Value", "LOINC", "Answer", "LA18978-9");
    public static SyntheticConcept FormerSmoker { get; } = new(45883458, "Former smoker", "Meas Value", "LOINC", "Answer", "LA15920-4");
    public static SyntheticConcept CurrentSmoker { get; } =
        new(45881517, "Current every day smoker", "Meas Value", "LOINC", "Answer", "LA18976-3");

    /// <summary>Gets every built-in concept.</summary>
    public static IReadOnlyList<SyntheticConcept> All { get; } = typeof(SyntheticConcepts)
        .GetProperties()
        .Where(property => property.PropertyType == typeof(SyntheticConcept))
        .Select(property => (SyntheticConcept)property.GetValue(null)!)
        .OrderBy(concept => concept.Id)
        .ToList();

    /// <summary>Gets the hierarchy pairs (ancestor, descendant) beyond each concept being its own ancestor.</summary>
    public static IReadOnlyList<(SyntheticConcept Ancestor, SyntheticConcept Descendant)> Hierarchy { get; } =
    [
        (DiabetesMellitus, Type2Diabetes),
        (HypertensiveDisorder, EssentialHypertension),
    ];

    private static SyntheticConcept Condition(int id, string name, string code) =>
        new(id, name, "Condition", "SNOMED", "Clinical Finding", code);

    private static SyntheticConcept Drug(int id, string name, string code) => new(id, name, "Drug", "RxNorm", "Ingredient", code);

    private static SyntheticConcept Measurement(int id, string name, string code) =>
        new(id, name, "Measurement", "LOINC", "Lab Test", code);

    private static SyntheticConcept Unit(int id, string name, string code) => new(id, name, "Unit", "UCUM", "Unit", code);
}
