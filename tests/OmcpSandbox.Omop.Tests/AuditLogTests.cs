using OmcpSandbox.Omop.Query;
using OmcpSandbox.Omop.Sql;

namespace OmcpSandbox.Omop.Tests;

[Collection(OmopDatabaseCollection.Name)]
public sealed class AuditLogTests(OmopDatabaseFixture fixture)
{
    [PostgresFact]
    public async Task QuerySql_Audit_HasIdsAndCountsOnly()
    {
        var logs = new CapturingLoggerProvider();
        await using var service = fixture.CreateService(logs: logs);

        var result = await service.QuerySqlAsync(
            "SELECT concept_name FROM concept WHERE concept_name <> 'needle-text' AND concept_id = 201826", 5, "tenant-a");

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(4000, entry.EventId.Id);
        Assert.Equal(result.QueryId, entry.Values["QueryId"]);
        Assert.Equal("tenant-a", entry.Values["Tenant"]);
        Assert.Equal("concept", entry.Values["Tables"]);
        Assert.Equal("1", entry.Values["RowCount"]);
        Assert.Equal("False", entry.Values["Truncated"]);
        Assert.True(entry.Values.ContainsKey("DurationMs"));
        Assert.Equal("Type 2 diabetes mellitus", result.Rows[0][0]);
        Assert.DoesNotContain("needle-text", entry.AllText);
        Assert.DoesNotContain("201826", entry.AllText);
        Assert.DoesNotContain("SELECT", entry.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("diabetes", entry.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [PostgresFact]
    public async Task QueryTable_Audit_LeavesOutFilterValues()
    {
        var logs = new CapturingLoggerProvider();
        await using var service = fixture.CreateService(logs: logs);

        await service.QueryTableAsync("person", 5, null, new Dictionary<string, object?> { ["year_of_birth"] = 1977 }, null, "tenant-b");

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(4000, entry.EventId.Id);
        Assert.Equal("person", entry.Values["Tables"]);
        Assert.DoesNotContain("1977", entry.AllText);
    }

    [PostgresFact]
    public async Task QuerySql_Rejection_LogsCodeWithoutSql()
    {
        var logs = new CapturingLoggerProvider();
        await using var service = fixture.CreateService(logs: logs);

        await Assert.ThrowsAsync<SqlPolicyException>(() => service.QuerySqlAsync("SELECT pg_sleep(4242)", null, "tenant-c"));

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(4001, entry.EventId.Id);
        Assert.Equal("function_not_allowed", entry.Values["Code"]);
        Assert.DoesNotContain("4242", entry.AllText);
        Assert.DoesNotContain("pg_sleep", entry.AllText);
    }

    [PostgresFact]
    public async Task QuerySql_DatabaseFailure_LogsSqlStateWithoutMessage()
    {
        var logs = new CapturingLoggerProvider();
        await using var service = fixture.CreateService(logs: logs);

        var error = await Assert.ThrowsAsync<OmopQueryException>(() =>
            service.QuerySqlAsync("SELECT CAST('secret-value-99' AS integer) FROM person"));

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(OmopQueryErrorCode.InvalidValue, error.ErrorCode);
        Assert.Equal(4002, entry.EventId.Id);
        Assert.Equal("22P02", entry.Values["SqlState"]);
        Assert.DoesNotContain("secret-value-99", entry.AllText);
    }
}
