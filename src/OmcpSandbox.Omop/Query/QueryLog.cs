using Microsoft.Extensions.Logging;

namespace OmcpSandbox.Omop.Query;

/// <summary>
/// Audit and error messages of OMOP queries, event ids 4000 to 4099. They carry ids, table names, counts and codes,
/// never SQL text, parameter values or rows.
/// </summary>
internal static partial class QueryLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "OMOP {Kind} query {QueryId} for tenant {Tenant} read {Tables}: {RowCount} rows, truncated {Truncated}, {DurationMs} ms")]
    public static partial void QueryCompleted(
        ILogger logger, string kind, string queryId, string tenant, string tables, int rowCount, bool truncated, long durationMs);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "OMOP {Kind} query {QueryId} for tenant {Tenant} was rejected before the database: {Code}")]
    public static partial void QueryRejected(ILogger logger, string kind, string queryId, string tenant, string code);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "OMOP {Kind} query {QueryId} for tenant {Tenant} failed with {Code} (SQLSTATE {SqlState}) after {DurationMs} ms")]
    public static partial void QueryFailed(
        ILogger logger, string kind, string queryId, string tenant, string code, string sqlState, long durationMs);
}
