using Orleans;
using Orleans.Runtime;

namespace OmcpSandbox.Clustering;

/// <summary>
/// Applies the PostgreSQL schema at the first silo lifecycle stage, before the membership table
/// (<see cref="ServiceLifecycleStage.RuntimeInitialize"/>) and grain storage (its InitStage) read their queries.
/// </summary>
internal sealed class SchemaLifecycleParticipant(PostgresSchemaInitializer initializer) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(SchemaLifecycleParticipant), ServiceLifecycleStage.First, initializer.EnsureAsync);
    }
}
