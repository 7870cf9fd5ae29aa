using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>Session limits on a cluster of its own, whose silo holds only three sandboxes.</summary>
public sealed class CapacityTests : IAsyncLifetime
{
    private const int MaxSandboxes = 3;
    private ServiceCluster? _cluster;

    public async Task InitializeAsync()
    {
        if (TestEnvironment.DockerProblem is null || TestEnvironment.IsCi)
        {
            _cluster = await ServiceCluster.StartAsync(new Dictionary<string, string> { ["MAX_SANDBOXES"] = $"{MaxSandboxes}" });
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [DockerFact]
    public async Task ParallelCreates_NeverExceedMaxSandboxes()
    {
        var cluster = _cluster!;
        await using var client = await cluster.ConnectAsync(cluster.TenantAKey);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.CallAsync("create_sandbox")));
        var containers = await cluster.ListContainersAsync();

        var created = results.Where(result => result.IsError is not true).ToList();
        var rejected = results.Where(result => result.IsError == true).ToList();
        Assert.Equal(MaxSandboxes, created.Count);
        Assert.Equal(10 - MaxSandboxes, rejected.Count);
        // Placement rejects when its view shows the silo full, and the silo itself rejects when that view lags. Both name the capacity.
        Assert.All(rejected, result => Assert.Contains($"{MaxSandboxes} sandboxes", ToolCalls.Text(result)));
        Assert.All(rejected, result => Assert.False(result.Structured().GetProperty("success").GetBoolean()));
        Assert.Equal(MaxSandboxes, containers.Count);
    }
}
