using OmcpSandbox.Omop.Generation;
using OmcpSandbox.Omop.Schema;

namespace OmcpSandbox.Omop.Tests;

public sealed class SyntheticDataGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_GivesSameRows()
    {
        var first = Fingerprint(SyntheticDataGenerator.Generate(new SyntheticDataOptions(50, 11)));
        var second = Fingerprint(SyntheticDataGenerator.Generate(new SyntheticDataOptions(50, 11)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_OtherSeed_GivesOtherRows()
    {
        var first = Fingerprint(SyntheticDataGenerator.Generate(new SyntheticDataOptions(50, 11)));
        var second = Fingerprint(SyntheticDataGenerator.Generate(new SyntheticDataOptions(50, 12)));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Generate_LargerSize_KeepsFirstPersons()
    {
        var small = SyntheticDataGenerator.Generate(new SyntheticDataOptions(20, 5));
        var large = SyntheticDataGenerator.Generate(new SyntheticDataOptions(40, 5));

        Assert.Equal(RowsText(small, OmopCdmSchema.Person), RowsText(large, OmopCdmSchema.Person).Take(20));
    }

    [Fact]
    public void Generate_DefaultSize_HasPlausibleContents()
    {
        var dataset = SyntheticDataGenerator.Generate(new SyntheticDataOptions());
        var concepts = dataset.RowsOf(OmopCdmSchema.Concept).Select(row => (int)row.Values[0]!).ToHashSet();

        Assert.Equal(1000, dataset.CountOf(OmopCdmSchema.Person));
        Assert.Equal(1000, dataset.CountOf(OmopCdmSchema.ObservationPeriod));
        Assert.InRange(dataset.CountOf(OmopCdmSchema.VisitOccurrence), 2000, 12000);
        Assert.NotEqual(0, dataset.CountOf(OmopCdmSchema.ConditionOccurrence));
        Assert.NotEqual(0, dataset.CountOf(OmopCdmSchema.DrugExposure));
        Assert.NotEqual(0, dataset.CountOf(OmopCdmSchema.Measurement));
        Assert.InRange(dataset.CountOf(OmopCdmSchema.Death), 1, 200);
        var conditionConcept = OmopCdmSchema.ConditionOccurrence.Ordinal("condition_concept_id");
        Assert.All(dataset.RowsOf(OmopCdmSchema.ConditionOccurrence), row => Assert.Contains((int)row.Values[conditionConcept]!, concepts));
    }

    [Fact]
    public void Generate_NoPersons_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDataGenerator.Generate(new SyntheticDataOptions(0)));
    }

    private static string Fingerprint(OmopDataset dataset) =>
        string.Join("\n", OmopCdmSchema.Tables.SelectMany(table => RowsText(dataset, table)));

    private static IEnumerable<string> RowsText(OmopDataset dataset, OmopTableDefinition table) =>
        dataset.RowsOf(table).Select(row => table.Name + ":" + string.Join("|", row.Values.Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))));
}
