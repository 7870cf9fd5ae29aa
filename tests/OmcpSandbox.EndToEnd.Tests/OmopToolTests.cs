using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>The OMOP query tools through MCP, against a real silo and a fresh sample database.</summary>
[Collection(OmopClusterCollection.Name)]
public sealed class OmopToolTests(OmopClusterFixture fixture)
{
    private static readonly string[] _omopTools =
        ["list_omop_tables", "describe_omop_table", "query_omop_table", "query_omop_sql", "analyze_omop_data"];

    private ServiceCluster Cluster => fixture.Cluster;

    [OmopFact]
    public async Task OmopTools_AreReadOnly()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var tools = await client.ListToolsAsync();

        foreach (var name in _omopTools)
        {
            var tool = Assert.Single(tools, tool => tool.Name == name);
            Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint, $"{name} is not marked read-only");
            Assert.False(tool.ProtocolTool.Annotations?.DestructiveHint, $"{name} is not marked non-destructive");
            Assert.NotNull(tool.ProtocolTool.OutputSchema);
        }
    }

    [OmopFact]
    public async Task ListTables_ReturnsOmopTables()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("list_omop_tables");
        var content = result.Structured();
        var tables = content.GetProperty("tables").EnumerateArray().ToList();
        var person = tables.Single(table => table.GetProperty("name").GetString() == "person");

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.True(content.GetProperty("success").GetBoolean());
        Assert.Equal(tables.Count, content.GetProperty("count").GetInt32());
        Assert.Contains(tables, table => table.GetProperty("name").GetString() == "condition_occurrence");
        Assert.True(person.GetProperty("column_count").GetInt32() > 5);
        Assert.Equal(OmopClusterFixture.Persons, person.GetProperty("estimated_rows").GetInt64());
    }

    [OmopFact]
    public async Task DescribeTable_ReturnsColumnTypes()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("describe_omop_table", new { table_name = "person" });
        var content = result.Structured();
        var columns = content.GetProperty("columns").EnumerateArray().ToDictionary(
            column => column.GetProperty("name").GetString()!, column => column);

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Equal("person", content.GetProperty("table_name").GetString());
        Assert.Equal("integer", columns["year_of_birth"].GetProperty("type").GetString());
        Assert.False(columns["person_id"].GetProperty("nullable").GetBoolean());
        Assert.StartsWith("timestamp", columns["birth_datetime"].GetProperty("type").GetString());
        Assert.DoesNotContain("person_source_value", columns.Keys);
    }

    [OmopFact]
    public async Task DescribeTable_UnknownTable_IsError()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("describe_omop_table", new { table_name = "patients" });

        AssertFailure(result, "invalid_table");
        Assert.Contains("patients", ToolCalls.Text(result));
    }

    [OmopFact]
    public async Task QueryTable_ColumnsAndFilters_ReturnMatchingRows()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("query_omop_table", new
        {
            table_name = "person",
            limit = 5,
            columns = new[] { "person_id", "gender_concept_id", "year_of_birth" },
            filters = new Dictionary<string, object> { ["gender_concept_id"] = 8532 },
        });
        var content = result.Structured();
        var data = content.GetProperty("data").EnumerateArray().ToList();

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.True(content.GetProperty("success").GetBoolean());
        Assert.Equal(5, content.GetProperty("count").GetInt32());
        Assert.Equal(5, data.Count);
        Assert.True(content.GetProperty("truncated").GetBoolean());
        Assert.False(string.IsNullOrEmpty(content.GetProperty("query_id").GetString()));
        Assert.All(data, row => Assert.Equal(8532, row.GetProperty("gender_concept_id").GetInt32()));
        Assert.All(data, row => Assert.Equal(
            ["person_id", "gender_concept_id", "year_of_birth"], row.EnumerateObject().Select(property => property.Name)));
    }

    [OmopFact]
    public async Task QueryTable_ListAndNullFilters()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var listed = await client.CallAsync("query_omop_table", new
        {
            table_name = "person",
            limit = 1000,
            columns = new[] { "gender_concept_id" },
            filters = new Dictionary<string, object> { ["gender_concept_id"] = new[] { 8507, 8532 } },
        });
        var unmatched = await client.CallAsync("query_omop_table", new
        {
            table_name = "person",
            filters = new Dictionary<string, object?> { ["year_of_birth"] = null },
        });

        Assert.True(listed.IsError is not true, ToolCalls.Text(listed));
        Assert.Equal(OmopClusterFixture.Persons, listed.Structured().GetProperty("count").GetInt32());
        Assert.True(unmatched.IsError is not true, ToolCalls.Text(unmatched));
        Assert.Equal(0, unmatched.Structured().GetProperty("count").GetInt32());
    }

    [OmopFact]
    public async Task QueryTable_Limit_IsClamped()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var smallest = await client.CallAsync("query_omop_table", new { table_name = "person", limit = 0 });
        var largest = await client.CallAsync("query_omop_table", new { table_name = "person", limit = 5000, columns = new[] { "person_id" } });
        var defaulted = await client.CallAsync("query_omop_table", new { table_name = "person", columns = new[] { "person_id" } });

        Assert.Equal(1, smallest.Structured().GetProperty("count").GetInt32());
        Assert.True(smallest.Structured().GetProperty("truncated").GetBoolean());
        Assert.Equal(OmopClusterFixture.Persons, largest.Structured().GetProperty("count").GetInt32());
        Assert.False(largest.Structured().GetProperty("truncated").GetBoolean());
        Assert.Equal(100, defaulted.Structured().GetProperty("count").GetInt32());
        Assert.True(defaulted.Structured().GetProperty("truncated").GetBoolean());
    }

    [OmopFact]
    public async Task QueryTable_InvalidColumn_IsError()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("query_omop_table", new { table_name = "person", columns = new[] { "name" } });

        AssertFailure(result, "invalid_column");
    }

    [OmopFact]
    public async Task QueryTable_Where_IsDisabled()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("query_omop_table", new { table_name = "person", where = "year_of_birth > 1980" });

        AssertFailure(result, "unsafe_sql_disabled");
        Assert.Contains("ALLOW_UNSAFE_SQL", ToolCalls.Text(result));
    }

    [OmopFact]
    public async Task QuerySql_ReturnsColumnsAndRows()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("query_omop_sql", new
        {
            sql = "SELECT gender_concept_id, count(*) AS persons, min(birth_datetime) AS earliest FROM person GROUP BY 1 ORDER BY 1",
        });
        var content = result.Structured();
        var rows = content.GetProperty("rows").EnumerateArray().ToList();

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Equal(["gender_concept_id", "persons", "earliest"], content.GetProperty("columns").EnumerateArray().Select(column => column.GetString()));
        Assert.Equal(rows.Count, content.GetProperty("count").GetInt32());
        Assert.False(content.GetProperty("truncated").GetBoolean());
        Assert.False(string.IsNullOrEmpty(content.GetProperty("query_id").GetString()));
        Assert.Equal(OmopClusterFixture.Persons, rows.Sum(row => row[1].GetInt64()));
        Assert.All(rows, row => Assert.True(DateTime.TryParse(row[2].GetString(), out _), row[2].GetRawText()));
    }

    [OmopFact]
    public async Task QuerySql_DatesAndNulls_AreJson()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("query_omop_sql", new
        {
            sql = "SELECT observation_period_start_date, NULL::integer AS missing, 1.5::numeric AS ratio FROM observation_period",
            limit = 1,
        });
        var row = result.Structured().GetProperty("rows")[0];

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", row[0].GetString());
        Assert.Equal(JsonValueKind.Null, row[1].ValueKind);
        Assert.Equal(1.5m, row[2].GetDecimal());
        Assert.True(result.Structured().GetProperty("truncated").GetBoolean());
    }

    [OmopFact]
    public async Task QuerySql_PolicyRejections_AreErrors()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var cases = new (string Sql, string Reason)[]
        {
            ("DELETE FROM person", "not_select"),
            ("SELECT 1; SELECT 2", "multiple_statements"),
            ("SELECT * FROM pg_catalog.pg_authid", "system_catalog"),
            ("SELECT pg_sleep(5)", "function_not_allowed"),
            ("SELECT person_source_value FROM person", "source_value_column"),
        };

        foreach (var (sql, reason) in cases)
        {
            var result = await client.CallAsync("query_omop_sql", new { sql });

            AssertFailure(result, reason);
        }
    }

    [OmopFact]
    public async Task QuerySql_SlowQuery_TimesOut()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("query_omop_sql", new { sql = "SELECT count(*) FROM person a, person b, person c, person d" });

        AssertFailure(result, "timeout");
        Assert.Contains("timeout", ToolCalls.Text(result));
    }

    [OmopFact]
    public async Task QuerySql_MissingSql_IsError()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.CallAsync("query_omop_sql", new { sql = " " });

        AssertFailure(result, "invalid_argument");
    }

    internal static void AssertFailure(CallToolResult result, string reason)
    {
        var content = result.Structured();
        Assert.True(result.IsError, ToolCalls.Text(result));
        Assert.False(content.GetProperty("success").GetBoolean());
        Assert.Equal(reason, content.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(content.GetProperty("error").GetString()));
        Assert.Contains($"(reason: {reason})", ToolCalls.Text(result));
    }
}
