using Microsoft.Extensions.DependencyInjection;
using OmcpSandbox.Cluster.Tests.Infrastructure;
using OmcpSandbox.Contracts.Placement;
using Orleans;

namespace OmcpSandbox.Cluster.Tests;

/// <summary>Two localhost silos of capacity 20 each, with a client, started fresh for every test.</summary>
public sealed class ContainerLoadPlacementTests : IAsyncLifetime
{
    private const int Capacity = 20;
    private TestSilo _first = null!;
    private TestSilo _second = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _first = await TestSilo.StartAsync(new Dictionary<string, string?>(), Capacity);
        _second = await TestSilo.StartAsync(
            new Dictionary<string, string?> { ["Clustering:PrimarySiloPort"] = _first.SiloPort.ToString() }, Capacity);
        _client = await TestClient.StartAsync(new Dictionary<string, string?>
        {
            ["Clustering:GatewayPorts:0"] = _first.GatewayPort.ToString(),
            ["Clustering:GatewayPorts:1"] = _second.GatewayPort.ToString(),
        });
        await WaitUntilAsync(() => _first.LoadCache.Count == 2 && _second.LoadCache.Count == 2, "both silos to see both load reports");
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Sequential_SplitsEvenly()
    {
        for (var i = 0; i < 20; i++)
        {
            await _client.Client.GetGrain<ILoadedGrain>(Guid.NewGuid()).GetSiloAsync();
        }

        Assert.InRange(_first.Load.LiveContainers, 9, 11);
        Assert.InRange(_second.Load.LiveContainers, 9, 11);
        Assert.Equal(20, _first.Load.LiveContainers + _second.Load.LiveContainers);
    }

    [Fact]
    public async Task LoadedSilo_NextGoToOther()
    {
        _first.Load.Add(8);
        await WaitForReportedLoadAsync(_first, 8);

        for (var i = 0; i < 8; i++)
        {
            await _client.Client.GetGrain<ILoadedGrain>(Guid.NewGuid()).GetSiloAsync();
        }

        Assert.Equal(8, _first.Load.LiveContainers);
        Assert.Equal(8, _second.Load.LiveContainers);
    }

    [Fact]
    public async Task ParallelBurst_OneGateway_FillsToCapacity()
    {
        // Every decision is made by the first silo's director, which counts its own placements until reports show them.
        await using var client = await TestClient.StartAsync(new Dictionary<string, string?>
        {
            ["Clustering:GatewayPorts:0"] = _first.GatewayPort.ToString(),
        });
        var outcomes = await BurstAsync(client.Client, (2 * Capacity) + 5);

        Assert.Equal(Capacity, _first.Load.MaxObserved);
        Assert.Equal(Capacity, _second.Load.MaxObserved);
        Assert.Equal(2 * Capacity, outcomes.Count(outcome => outcome is string));
        Assert.Equal(5, outcomes.Count(outcome => outcome is SandboxCapacityExceededException));
    }

    [Fact]
    public async Task ParallelBurst_TwoGateways_StaysWithinCapacity()
    {
        var outcomes = await BurstAsync(_client.Client, 3 * Capacity / 2);

        Assert.InRange(_first.Load.MaxObserved, 1, Capacity);
        Assert.InRange(_second.Load.MaxObserved, 1, Capacity);
        Assert.All(outcomes, outcome => Assert.IsType<string>(outcome));
    }

    [Fact]
    public async Task AllFull_ThrowsCapacityExceeded()
    {
        _first.Load.Add(Capacity);
        _second.Load.Add(Capacity);
        await WaitForReportedLoadAsync(_first, Capacity);
        await WaitForReportedLoadAsync(_second, Capacity);

        var exception = await Assert.ThrowsAsync<SandboxCapacityExceededException>(
            () => _client.Client.GetGrain<ILoadedGrain>(Guid.NewGuid()).GetSiloAsync());

        Assert.Equal(
            "Every silo is at its sandbox capacity (2 silos, 20 sandboxes each). Remove an idle sandbox or add a silo.",
            exception.Message);
        Assert.Equal(Capacity, _first.Load.LiveContainers);
        Assert.Equal(Capacity, _second.Load.LiveContainers);
    }

    [Fact]
    public async Task Deactivation_FreesCapacity()
    {
        _first.Load.Add(Capacity);
        _second.Load.Add(Capacity - 1);
        await WaitForReportedLoadAsync(_first, Capacity);
        await WaitForReportedLoadAsync(_second, Capacity - 1);
        var grain = _client.Client.GetGrain<ILoadedGrain>(Guid.NewGuid());
        Assert.Equal(_second.Address.ToString(), await grain.GetSiloAsync());
        await WaitForReportedLoadAsync(_second, Capacity);

        _first.Load.Add(-1);
        await WaitForReportedLoadAsync(_first, Capacity - 1);

        Assert.Equal(_first.Address.ToString(), await _client.Client.GetGrain<ILoadedGrain>(Guid.NewGuid()).GetSiloAsync());
    }

    private static async Task<object[]> BurstAsync(IClusterClient client, int count)
    {
        var calls = Enumerable.Range(0, count)
            .Select(_ => Task.Run(() => client.GetGrain<ILoadedGrain>(Guid.NewGuid()).GetSiloAsync()))
            .ToList();
        return await Task.WhenAll(calls.Select(Capture));
    }

    private static async Task<object> Capture(Task<string> call)
    {
        try
        {
            return await call;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private async Task WaitForReportedLoadAsync(TestSilo silo, int load)
    {
        await WaitUntilAsync(
            () => Reported(_first, silo) == load && Reported(_second, silo) == load,
            $"both silos to see load {load} on {silo.Address}");

        static int Reported(TestSilo viewer, TestSilo silo) =>
            viewer.LoadCache.TryGetLoad(silo.Address, out var reported, out _) ? reported : -1;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string description)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after 10 s waiting for {description}.");
            }

            await Task.Delay(20);
        }
    }
}
