namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>One running cluster shared by the tests of the <see cref="ClusterCollection"/>.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private ServiceCluster? _cluster;

    internal ServiceCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync()
    {
        if (OmcpSandbox.Testing.TestEnvironment.DockerProblem is not null && !OmcpSandbox.Testing.TestEnvironment.IsCi)
        {
            return;
        }

        _cluster = await ServiceCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
