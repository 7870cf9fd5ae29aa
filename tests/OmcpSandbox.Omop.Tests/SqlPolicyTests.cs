using OmcpSandbox.Omop.Schema;
using OmcpSandbox.Omop.Sql;

namespace OmcpSandbox.Omop.Tests;

public sealed class SqlPolicyTests
{
    private static readonly SqlPolicy _policy =
        new(OmopCdmSchema.Tables.Select(table => table.Name).ToHashSet(StringComparer.Ordinal), exposeSourceValues: false);

    [Fact]
    public void Cases_AtLeastSixty()
    {
        Assert.True(PolicyCase.Load().Count() >= 60);
    }

    [Theory]
    [MemberData(nameof(PolicyCase.All), MemberType = typeof(PolicyCase))]
    public void Check_Case_MatchesExpectation(PolicyCase item)
    {
        if (item.IsReject)
        {
            var rejection = Assert.Throws<SqlPolicyException>(() => _policy.Check(item.Sql));
            Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
            if (item.Reason is not null)
            {
                Assert.Equal(item.Reason, rejection.Code);
            }
        }
        else
        {
            var analysis = _policy.Check(item.Sql);
            Assert.NotEmpty(analysis.Statement);
        }
    }

    [Fact]
    public void Check_Join_ReportsTablesRead()
    {
        var analysis = _policy.Check("SELECT c.concept_name FROM omop_cdm.person p JOIN concept c ON c.concept_id = p.gender_concept_id;");

        Assert.Equal(["concept", "person"], analysis.Tables);
        Assert.False(analysis.Statement.EndsWith(';'));
    }

    [Fact]
    public void Check_CteName_IsNotReportedAsTable()
    {
        var analysis = _policy.Check("WITH t AS (SELECT person_id FROM death) SELECT count(*) FROM t");

        Assert.Equal(["death"], analysis.Tables);
    }

    [Fact]
    public void Check_SourceValuesExposed_AllowsSourceColumn()
    {
        var policy = new SqlPolicy(new HashSet<string> { "person" }, exposeSourceValues: true);

        var analysis = policy.Check("SELECT person_source_value FROM person");

        Assert.Equal(["person"], analysis.Tables);
    }

    [Fact]
    public void Check_UnknownFunction_NamesIt()
    {
        var rejection = Assert.Throws<SqlPolicyException>(() => _policy.Check("SELECT pg_sleep(1)"));

        Assert.Equal(SqlRejectionReason.FunctionNotAllowed, rejection.Reason);
        Assert.Contains("pg_sleep", rejection.Message);
        Assert.Equal(7, rejection.Position);
    }

    [Fact]
    public void Check_UnknownTable_SaysWhatToDo()
    {
        var rejection = Assert.Throws<SqlPolicyException>(() => _policy.Check("SELECT * FROM scratch"));

        Assert.Equal("table_not_allowed", rejection.Code);
        Assert.Contains("Invalid table name: scratch", rejection.Message);
        Assert.Contains("list_omop_tables", rejection.Message);
    }

    [Theory]
    [InlineData("year_of_birth > 1980")]
    [InlineData("year_of_birth IN (1980, 1981) AND gender_concept_id = 8507")]
    public void CheckCondition_Boolean_Passes(string condition)
    {
        Assert.Equal(condition, _policy.CheckCondition(condition, "person"));
    }

    [Theory]
    [InlineData("1 = 1) UNION SELECT person_id FROM person WHERE (1 = 1", "multiple_statements")]
    [InlineData("true; DELETE FROM person", "multiple_statements")]
    [InlineData("pg_sleep(10) IS NULL", "function_not_allowed")]
    [InlineData("person_source_value = 'x'", "source_value_column")]
    [InlineData("person_id IN (SELECT usesysid FROM pg_user)", "system_catalog")]
    [InlineData("   ", "empty")]
    public void CheckCondition_Unsafe_IsRejected(string condition, string code)
    {
        var rejection = Assert.Throws<SqlPolicyException>(() => _policy.CheckCondition(condition, "person"));

        Assert.Equal(code, rejection.Code);
    }
}
