using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OmcpSandbox.Omop.Schema;
using OmcpSandbox.Omop.Setup;
using OmcpSandbox.Omop.Synthea;

namespace OmcpSandbox.Omop.Tests;

public sealed class SyntheaImporterTests : IDisposable
{
    private const string Patients = """
        Id,BIRTHDATE,DEATHDATE,SSN,FIRST,LAST,RACE,ETHNICITY,GENDER,BIRTHPLACE
        p-1,1960-04-02,,999-11-1111,Ann,"Doe, Jr.",white,nonhispanic,F,"Boston, MA"
        p-2,1975-11-20,2021-06-01,999-22-2222,Bob,Roe,black,hispanic,M,Worcester
        """;

    private const string Encounters = """
        Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION
        e-1,2019-02-17T10:12:31Z,2019-02-17T10:42:31Z,p-1,o,pr,pa,wellness,162673000,General examination
        e-2,2020-05-01T08:00:00Z,2020-05-04T08:00:00Z,p-2,o,pr,pa,inpatient,185347001,Encounter for problem
        e-3,2020-07-09T21:00:00Z,2020-07-09T23:00:00Z,p-2,o,pr,pa,emergency,50849002,Emergency visit
        """;

    private const string Conditions = """
        START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION
        2019-02-17,,p-1,e-1,44054006,Diabetes mellitus type 2 (disorder)
        2020-05-01,2020-05-20,p-2,e-2,10509002,"Acute bronchitis (disorder)"
        """;

    private const string Medications = """
        START,STOP,PATIENT,PAYER,ENCOUNTER,CODE,DESCRIPTION
        2019-02-17T10:12:31Z,2019-05-17T10:12:31Z,p-1,pa,e-1,860975,24 HR Metformin hydrochloride 500 MG
        """;

    private const string Observations = """
        DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE
        2019-02-17T10:12:31Z,p-1,e-1,laboratory,4548-4,Hemoglobin A1c,7.9,%,numeric
        2019-02-17T10:12:31Z,p-1,e-1,social-history,72166-2,Tobacco smoking status,Never smoked tobacco,,text
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("synthea-test-").FullName;

    [Fact]
    public async Task Read_FullExport_MapsEveryTable()
    {
        WriteAll();

        var dataset = await SyntheaImporter.ReadAsync(_directory, CancellationToken.None);

        Assert.Equal(2, dataset.CountOf(OmopCdmSchema.Person));
        Assert.Equal(3, dataset.CountOf(OmopCdmSchema.VisitOccurrence));
        Assert.Equal(2, dataset.CountOf(OmopCdmSchema.ConditionOccurrence));
        Assert.Equal(1, dataset.CountOf(OmopCdmSchema.DrugExposure));
        Assert.Equal(1, dataset.CountOf(OmopCdmSchema.Measurement));
        Assert.Equal(1, dataset.CountOf(OmopCdmSchema.Observation));
        Assert.Equal(1, dataset.CountOf(OmopCdmSchema.Death));
        Assert.Equal(2, dataset.CountOf(OmopCdmSchema.ObservationPeriod));
        var condition = dataset.RowsOf(OmopCdmSchema.ConditionOccurrence)[0];
        Assert.Equal(201826, condition.Values[OmopCdmSchema.ConditionOccurrence.Ordinal("condition_concept_id")]);
        var visits = dataset.RowsOf(OmopCdmSchema.VisitOccurrence).Select(row => row.Values[2]).ToList();
        Assert.Equal([9202, 9201, 9203], visits);
    }

    [Fact]
    public async Task Read_OptionalFilesMissing_StillImports()
    {
        Write("patients.csv", Patients);
        Write("encounters.csv", Encounters);
        Write("conditions.csv", Conditions);

        var dataset = await SyntheaImporter.ReadAsync(_directory, CancellationToken.None);

        Assert.Equal(0, dataset.CountOf(OmopCdmSchema.DrugExposure));
        Assert.Equal(0, dataset.CountOf(OmopCdmSchema.Measurement));
    }

    [Theory]
    [InlineData("patients.csv")]
    [InlineData("encounters.csv")]
    [InlineData("conditions.csv")]
    public async Task Read_MissingFile_NamesIt(string file)
    {
        WriteAll();
        File.Delete(Path.Combine(_directory, file));

        var error = await Assert.ThrowsAsync<SyntheaImportException>(() => SyntheaImporter.ReadAsync(_directory, CancellationToken.None));

        Assert.Equal(file, error.File);
        Assert.StartsWith($"Missing file {file}", error.Message);
        Assert.Contains("--exporter.csv.export=true", error.Message);
    }

    [Fact]
    public async Task Read_MissingColumn_NamesFileAndColumn()
    {
        WriteAll();
        Write("patients.csv", Patients.Replace("GENDER", "SEX", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SyntheaImportException>(() => SyntheaImporter.ReadAsync(_directory, CancellationToken.None));

        Assert.Equal("patients.csv", error.File);
        Assert.Equal("GENDER", error.Column);
        Assert.StartsWith("Missing column GENDER in patients.csv", error.Message);
    }

    [Fact]
    public async Task Read_BadDate_NamesLine()
    {
        WriteAll();
        Write("encounters.csv", Encounters.Replace("2020-05-01T08:00:00Z", "yesterday", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SyntheaImportException>(() => SyntheaImporter.ReadAsync(_directory, CancellationToken.None));

        Assert.Equal("START", error.Column);
        Assert.Equal(3, error.Line);
        Assert.Contains("Invalid START 'yesterday' in encounters.csv line 3", error.Message);
    }

    [Fact]
    public async Task Read_UnknownPatient_SaysSo()
    {
        WriteAll();
        Write("conditions.csv", Conditions.Replace("p-2", "p-9", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SyntheaImportException>(() => SyntheaImporter.ReadAsync(_directory, CancellationToken.None));

        Assert.Equal("PATIENT", error.Column);
        Assert.Contains("p-9", error.Message);
    }

    [Fact]
    public async Task Read_MissingDirectory_SaysSo()
    {
        var error = await Assert.ThrowsAsync<SyntheaImportException>(() =>
            SyntheaImporter.ReadAsync(Path.Combine(_directory, "absent"), CancellationToken.None));

        Assert.Contains("does not exist", error.Message);
    }

    [PostgresFact]
    public async Task Replace_SyntheaExport_LoadsDatabase()
    {
        WriteAll();
        var dataset = await SyntheaImporter.ReadAsync(_directory, CancellationToken.None);
        await using var database = await ScratchDatabase.CreateAsync("omop_synthea");
        var options = new OmopOptions { Database = database.Name, AdminConnectionString = TestEnvironment.PostgresConnectionString };
        var setup = new OmopDatabaseSetup(options, NullLogger<OmopDatabaseSetup>.Instance);

        await setup.ReplaceAsync(dataset, "Synthea", CancellationToken.None);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM omop_cdm.person), (SELECT count(*) FROM omop_cdm.visit_occurrence), "
            + "(SELECT min(observation_period_start_date)::text FROM omop_cdm.observation_period WHERE person_id = 2)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2L, reader.GetInt64(0));
        Assert.Equal(3L, reader.GetInt64(1));
        Assert.Equal("2020-05-01", reader.GetString(2));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void WriteAll()
    {
        Write("patients.csv", Patients);
        Write("encounters.csv", Encounters);
        Write("conditions.csv", Conditions);
        Write("medications.csv", Medications);
        Write("observations.csv", Observations);
    }

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_directory, file), text + "\n");
}
