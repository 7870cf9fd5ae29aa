using OmcpSandbox.Contracts.Omop;
using OmcpSandbox.Contracts.Sessions;
using Orleans.Concurrency;

namespace OmcpSandbox.Grains.Omop;

/// <summary>
/// Runs the front end's OMOP queries on a silo. A stateless worker, so each silo runs several activations and
/// the calls go to the silo that receives them.
/// </summary>
[StatelessWorker]
public sealed class OmopQueryGrain(OmopQueryGateway gateway) : Grain, IOmopQueryGrain
{
    public Task<OmopResult<OmopTableList>> ListTablesAsync(CallerIdentity caller, CancellationToken cancellationToken = default) =>
        gateway.ListTablesAsync(cancellationToken);

    public Task<OmopResult<OmopTableSchema>> DescribeTableAsync(
        CallerIdentity caller, string tableName, CancellationToken cancellationToken = default) =>
        gateway.DescribeTableAsync(tableName, cancellationToken);

    public Task<OmopResult<OmopRows>> QueryTableAsync(
        CallerIdentity caller, OmopTableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return gateway.QueryTableAsync(query, caller.Tenant, cancellationToken);
    }

    public Task<OmopResult<OmopRows>> QuerySqlAsync(CallerIdentity caller, OmopSqlQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return gateway.QuerySqlAsync(query, caller.Tenant, cancellationToken);
    }
}
