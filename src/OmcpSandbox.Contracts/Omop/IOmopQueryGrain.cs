using OmcpSandbox.Contracts.Sessions;

namespace OmcpSandbox.Contracts.Omop;

/// <summary>
/// Read-only queries over the OMOP CDM tables, run on a silo as the database's read-only role. The grain is a
/// stateless worker with the single key <see cref="Key"/>; the front end has no database connection. Every query
/// is checked by the SQL policy, limited in rows, cancelled at the statement timeout and written to the audit log
/// under the caller's tenant.
/// </summary>
[Alias("omcp.IOmopQueryGrain")]
public interface IOmopQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The key every caller uses; the stateless worker scales out by itself.</summary>
    public const long Key = 0;

    /// <summary>Lists the OMOP tables the reader role may query.</summary>
    [Alias("list-tables")]
    Task<OmopResult<OmopTableList>> ListTablesAsync(CallerIdentity caller, CancellationToken cancellationToken = default);

    /// <summary>Describes the visible columns of one OMOP table.</summary>
    [Alias("describe-table")]
    Task<OmopResult<OmopTableSchema>> DescribeTableAsync(
        CallerIdentity caller, string tableName, CancellationToken cancellationToken = default);

    /// <summary>Reads rows of one table with optional columns and equality filters.</summary>
    [Alias("query-table")]
    Task<OmopResult<OmopRows>> QueryTableAsync(
        CallerIdentity caller, OmopTableQuery query, CancellationToken cancellationToken = default);

    /// <summary>Runs one policy-checked SELECT statement.</summary>
    [Alias("query-sql")]
    Task<OmopResult<OmopRows>> QuerySqlAsync(CallerIdentity caller, OmopSqlQuery query, CancellationToken cancellationToken = default);
}
