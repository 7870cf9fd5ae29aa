using Orleans.Messaging;

namespace OmcpSandbox.Clustering;

/// <summary>
/// Wraps the ADO.NET gateway list provider of a client so that the schema exists before the provider loads its
/// queries; a client that starts before any silo would otherwise fail on a missing <c>OrleansQuery</c> table.
/// </summary>
internal sealed class SchemaEnsuringGatewayListProvider(IGatewayListProvider inner, PostgresSchemaInitializer initializer)
    : IGatewayListProvider
{
    public TimeSpan MaxStaleness => inner.MaxStaleness;

    [Obsolete("Orleans no longer reads this property and treats every provider as updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public async Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await inner.InitializeGatewayListProviderAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IList<Uri>> GetGateways() => inner.GetGateways();

    public Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken) => inner.GetGatewaysAsync(cancellationToken);
}
