using Microsoft.Extensions.Options;
using OmcpSandbox.Grains.Sessions;

namespace OmcpSandbox.Grains.Tests;

public sealed class SiloSandboxCapacityTests
{
    [Fact]
    public async Task TryReserve_ParallelBurstStopsAtCapacity()
    {
        var capacity = new SiloSandboxCapacity(Options.Create(new SessionOptions { MaxSandboxes = 7 }));
        var changes = 0;
        capacity.Changed += () => Interlocked.Increment(ref changes);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(capacity.TryReserve)));

        Assert.Equal(7, results.Count(reserved => reserved));
        Assert.Equal(7, capacity.Reserved);
        Assert.Equal(7, capacity.LiveContainers);
        Assert.Equal(7, changes);
    }

    [Fact]
    public void Release_FreesSlotForNextReservation()
    {
        var capacity = new SiloSandboxCapacity(Options.Create(new SessionOptions { MaxSandboxes = 1 }));

        Assert.True(capacity.TryReserve());
        Assert.False(capacity.TryReserve());
        capacity.Release();

        Assert.True(capacity.TryReserve());
    }
}
