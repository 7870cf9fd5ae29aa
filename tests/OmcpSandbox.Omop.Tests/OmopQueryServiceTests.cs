using System.Diagnostics;
using System.Text.Json;
using OmcpSandbox.Omop.Query;
using OmcpSandbox.Omop.Sql;

namespace OmcpSandbox.Omop.Tests;

[Collection(OmopDatabaseCollection.Name)]
public sealed class OmopQueryServiceTests(OmopDatabaseFixture fixture)
{
    [PostgresFact]
    public async Task ListTables_ReturnsOmopTables()
    {
        await using var service = fixture.CreateService();

        var tables = await service.ListTablesAsync();

        Assert.Equal(
            ["concept", "concept_ancestor", "condition_occurrence", "death", "drug_exposure", "measurement", "observation",
             "observation_period", "person", "visit_occurrence"],
            tables.Select(table => table.Name));
        Assert.Equal(OmopDatabaseFixture.Persons, tables.Single(table => table.Name == "person").EstimatedRows);
    }

    [PostgresFact]
    public async Task DescribeTable_Person_WithholdsSourceValues()
    {
        await using var service = fixture.CreateService();

        var description = await service.DescribeTableAsync("person");

        Assert.Equal("person_id", description.Columns[0].Name);
        Assert.Equal("integer", description.Columns[0].DataType);
        Assert.False(description.Columns[0].IsNullable);
        Assert.Contains(description.Columns, column => column.Name == "birth_datetime" && column.DataType == "timestamp without time zone");
        Assert.DoesNotContain(description.Columns, column => column.Name.EndsWith("_source_value", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task DescribeTable_SourceValuesExposed_ListsThemWhenGranted()
    {
        await using var service = fixture.CreateService(options => options.ExposeSourceValues = true);

        var description = await service.DescribeTableAsync("person");

        // The role was created with source values withheld, so its column grants still leave them out.
        Assert.DoesNotContain(description.Columns, column => column.Name == "person_source_value");
    }

    [PostgresTheory]
    [InlineData("person; DROP TABLE person")]
    [InlineData("pg_authid")]
    [InlineData("pg_catalog.pg_class")]
    [InlineData("omop_cdm.person")]
    [InlineData("\"person\"")]
    [InlineData("")]
    public async Task DescribeTable_InvalidName_IsRejected(string table)
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() => service.DescribeTableAsync(table));

        Assert.Equal(OmopQueryErrorCode.InvalidTable, error.ErrorCode);
        Assert.StartsWith($"Invalid table name: {table}.", error.Message);
        Assert.Contains("list_omop_tables", error.Message);
    }

    [PostgresFact]
    public async Task QueryTable_ColumnsAndFilter_ReturnsMatchingRows()
    {
        await using var service = fixture.CreateService();

        var result = await service.QueryTableAsync(
            "person", 10, ["person_id", "Year_Of_Birth"], new Dictionary<string, object?> { ["gender_concept_id"] = 8532 });

        Assert.InRange(result.Count, 1, 10);
        Assert.Equal(result.Count, result.Data.Count);
        Assert.All(result.Data, row => Assert.Equal(["person_id", "year_of_birth"], row.Keys));
        Assert.Equal(32, result.QueryId.Length);
    }

    [PostgresFact]
    public async Task QueryTable_ListFilter_MeansIn()
    {
        await using var service = fixture.CreateService();

        var result = await service.QueryTableAsync("person", 100, ["person_id"],
            new Dictionary<string, object?> { ["person_id"] = new[] { 3, 5, 8 } });

        Assert.Equal([3, 5, 8], result.Data.Select(row => (int)row["person_id"]!));
        Assert.False(result.Truncated);
    }

    [PostgresFact]
    public async Task QueryTable_JsonFilters_AreConverted()
    {
        await using var service = fixture.CreateService();
        var filters = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"person_id": [1, "2"], "month_of_birth": null}""")!;
        var notNull = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"person_id": [1, "2"]}""")!;

        var none = await service.QueryTableAsync("person", 10, ["person_id"], filters);
        var both = await service.QueryTableAsync("person", 10, ["person_id"], notNull);

        Assert.Equal(0, none.Count);
        Assert.Equal(2, both.Count);
    }

    [PostgresFact]
    public async Task QueryTable_NullFilter_MeansIsNull()
    {
        await using var service = fixture.CreateService();

        var result = await service.QueryTableAsync("condition_occurrence", 1000, ["condition_end_date"],
            new Dictionary<string, object?> { ["condition_end_date"] = null });

        Assert.NotEqual(0, result.Count);
        Assert.All(result.Data, row => Assert.Null(row["condition_end_date"]));
    }

    [PostgresFact]
    public async Task QueryTable_DateColumn_ReturnsDateOnly()
    {
        await using var service = fixture.CreateService();

        var result = await service.QueryTableAsync("observation_period", 1, null,
            new Dictionary<string, object?> { ["person_id"] = "1" });

        Assert.IsType<DateOnly>(Assert.Single(result.Data)["observation_period_start_date"]);
    }

    [PostgresTheory]
    [InlineData("person_id OR 1=1")]
    [InlineData("person_id; DROP TABLE person")]
    [InlineData("\"person_id\"")]
    [InlineData("nope")]
    public async Task QueryTable_InjectionFilterKey_IsRejected(string key)
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() =>
            service.QueryTableAsync("person", 1, null, new Dictionary<string, object?> { [key] = 1 }));

        Assert.Equal(OmopQueryErrorCode.InvalidColumn, error.ErrorCode);
        Assert.StartsWith($"Invalid column name: {key}", error.Message);
        Assert.Contains("describe_omop_table", error.Message);
    }

    [PostgresFact]
    public async Task QueryTable_InjectionTableName_IsRejected()
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() => service.QueryTableAsync("person; DROP TABLE person"));

        Assert.Equal("invalid_table", error.Code);
    }

    [PostgresFact]
    public async Task QueryTable_InjectionValue_IsOnlyAValue()
    {
        await using var service = fixture.CreateService();

        var result = await service.QueryTableAsync("concept", 5, ["concept_id"],
            new Dictionary<string, object?> { ["concept_name"] = "x' OR '1'='1" });

        Assert.Equal(0, result.Count);
    }

    [PostgresFact]
    public async Task QueryTable_WrongValueType_IsInvalidValue()
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() =>
            service.QueryTableAsync("person", 1, null, new Dictionary<string, object?> { ["person_id"] = "abc" }));

        Assert.Equal(OmopQueryErrorCode.InvalidValue, error.ErrorCode);
    }

    [PostgresTheory]
    [InlineData("person_source_value")]
    [InlineData("gender_source_value")]
    public async Task QueryTable_SourceValueColumn_IsWithheld(string column)
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() => service.QueryTableAsync("person", 1, [column]));

        Assert.Equal(OmopQueryErrorCode.WithheldColumn, error.ErrorCode);
        Assert.Contains(column, error.Message);
    }

    [PostgresFact]
    public async Task QueryTable_AllColumns_LeavesOutSourceValues()
    {
        await using var service = fixture.CreateService();

        var result = await service.QueryTableAsync("person", 1);

        Assert.DoesNotContain(result.Data[0].Keys, key => key.EndsWith("_source_value", StringComparison.Ordinal));
        Assert.Contains("ethnicity_concept_id", result.Data[0].Keys);
    }

    [PostgresTheory]
    [InlineData(null, 100)]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(7, 7)]
    [InlineData(5000, 1000)]
    public async Task QueryTable_Limit_IsClamped(int? limit, int expected)
    {
        await using var service = fixture.CreateService();

        var result = await service.QueryTableAsync("measurement", limit, ["measurement_id"]);

        Assert.Equal(expected, result.Count);
        Assert.True(result.Truncated);
    }

    [PostgresFact]
    public async Task QueryTable_Where_RejectedWhenUnsafeSqlOff()
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() =>
            service.QueryTableAsync("person", 5, null, null, "year_of_birth > 1980"));

        Assert.Equal(OmopQueryErrorCode.UnsafeSqlDisabled, error.ErrorCode);
        Assert.Contains("ALLOW_UNSAFE_SQL", error.Message);
    }

    [PostgresFact]
    public async Task QueryTable_Where_RunsWhenUnsafeSqlOn()
    {
        await using var service = fixture.CreateService(options => options.AllowUnsafeSql = true);

        var result = await service.QueryTableAsync("person", 1000, ["year_of_birth"], null, "year_of_birth BETWEEN 1990 AND 1995");

        Assert.NotEqual(0, result.Count);
        Assert.All(result.Data, row => Assert.InRange((int)row["year_of_birth"]!, 1990, 1995));
    }

    [PostgresTheory]
    [InlineData("true) OR (SELECT pg_sleep(5)) IS NULL OR (true", "multiple_statements")]
    [InlineData("pg_sleep(5) IS NULL", "function_not_allowed")]
    [InlineData("person_id IN (SELECT oid FROM pg_authid)", "system_catalog")]
    public async Task QueryTable_UnsafeWhere_FailsPolicy(string where, string code)
    {
        await using var service = fixture.CreateService(options => options.AllowUnsafeSql = true);

        var error = await Assert.ThrowsAsync<SqlPolicyException>(() => service.QueryTableAsync("person", 5, null, null, where));

        Assert.Equal(code, error.Code);
    }

    [PostgresTheory]
    [MemberData(nameof(PolicyCase.Allowed), MemberType = typeof(PolicyCase))]
    public async Task QuerySql_AllowedCase_Runs(PolicyCase item)
    {
        await using var service = fixture.CreateService();

        var result = await service.QuerySqlAsync(item.Sql, 10);

        Assert.NotEmpty(result.Columns);
        Assert.Equal(result.Count, result.Rows.Count);
        Assert.InRange(result.Count, 0, 10);
    }

    [PostgresFact]
    public async Task QuerySql_RowCap_SetsTruncated()
    {
        await using var service = fixture.CreateService();

        var small = await service.QuerySqlAsync("SELECT person_id FROM person ORDER BY person_id", 10);
        var all = await service.QuerySqlAsync("SELECT person_id FROM person", 5000);
        var capped = await service.QuerySqlAsync("SELECT measurement_id FROM measurement", 5000);

        Assert.Equal(10, small.Count);
        Assert.True(small.Truncated);
        Assert.Equal(Enumerable.Range(1, 10), small.Rows.Select(row => (int)row[0]!));
        Assert.Equal(OmopDatabaseFixture.Persons, all.Count);
        Assert.False(all.Truncated);
        Assert.Equal(1000, capped.Count);
        Assert.True(capped.Truncated);
    }

    [PostgresFact]
    public async Task QuerySql_SelectStarOverWithheldColumns_IsPermissionDenied()
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() => service.QuerySqlAsync("SELECT * FROM person"));

        Assert.Equal(OmopQueryErrorCode.PermissionDenied, error.ErrorCode);
        Assert.Contains("instead of SELECT *", error.Message);
    }

    [PostgresFact]
    public async Task QuerySql_Rejection_NeverReachesDatabase()
    {
        await using var service = fixture.CreateService();

        var error = await Assert.ThrowsAsync<SqlPolicyException>(() => service.QuerySqlAsync("DELETE FROM person"));

        Assert.Equal(SqlRejectionReason.NotSelect, error.Reason);
    }

    [PostgresFact]
    public async Task QuerySql_LongQuery_CancelledAtStatementTimeout()
    {
        await using var service = fixture.CreateService(options => options.StatementTimeout = TimeSpan.FromMilliseconds(800));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<OmopQueryException>(() => service.QuerySqlAsync(
            "SELECT count(*) FROM measurement a CROSS JOIN measurement b CROSS JOIN measurement c"));

        Assert.Equal(OmopQueryErrorCode.Timeout, error.ErrorCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(6));
    }

    [PostgresFact]
    public async Task QuerySql_SessionState_DoesNotLeakBetweenQueries()
    {
        await using var service = fixture.CreateService(options => options.MaxPoolSize = 1);

        var first = await service.QuerySqlAsync("SELECT count(*) FROM person");
        var second = await service.QuerySqlAsync("SELECT count(*) FROM person");

        Assert.Equal(first.Rows[0][0], second.Rows[0][0]);
    }
}
