using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Placement;
using OmcpSandbox.Placement;
using Orleans.Runtime;

namespace OmcpSandbox.Cluster.Tests;

public sealed class ContainerLoadPlacementDirectorTests
{
    private static readonly DateTime _now = DateTime.UtcNow;
    private readonly SiloLoadCache _cache = new(Options.Create(new ContainerLoadOptions()));

    [Fact]
    public void PickSilo_PrefersLowestRatio()
    {
        var small = Silo(1);
        var large = Silo(2);
        _cache.Update(new SiloLoadReport(small, 5, 10, _now));
        _cache.Update(new SiloLoadReport(large, 8, 40, _now));

        Assert.Equal(large, CreateDirector().PickSilo([small, large]));
    }

    [Fact]
    public void PickSilo_SkipsFullAndUnreported()
    {
        var full = Silo(1);
        var open = Silo(2);
        _cache.Update(new SiloLoadReport(full, 10, 10, _now));
        _cache.Update(new SiloLoadReport(open, 9, 10, _now));

        Assert.Equal(open, CreateDirector().PickSilo([full, Silo(3), open]));
    }

    [Fact]
    public void PickSilo_CountsOwnPlacementsUntilReported()
    {
        var only = Silo(1);
        _cache.Update(new SiloLoadReport(only, 0, 3, _now));
        var director = CreateDirector();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(only, director.PickSilo([only]));
        }

        Assert.Throws<SandboxCapacityExceededException>(() => director.PickSilo([only]));

        // Two of the three placements arrived; the third still counts, so the silo is still full.
        _cache.Update(new SiloLoadReport(only, 2, 3, _now.AddMilliseconds(1)));
        Assert.Throws<SandboxCapacityExceededException>(() => director.PickSilo([only]));

        // One sandbox went away, which leaves room for one more.
        _cache.Update(new SiloLoadReport(only, 1, 3, _now.AddMilliseconds(2)));
        Assert.Equal(only, director.PickSilo([only]));
    }

    [Fact]
    public void PickSilo_AllFull_NamesCapacity()
    {
        var first = Silo(1);
        var second = Silo(2);
        _cache.Update(new SiloLoadReport(first, 20, 20, _now));
        _cache.Update(new SiloLoadReport(second, 25, 20, _now));

        var exception = Assert.Throws<SandboxCapacityExceededException>(() => CreateDirector().PickSilo([first, second]));

        Assert.Equal(
            "Every silo is at its sandbox capacity (2 silos, 20 sandboxes each). Remove an idle sandbox or add a silo.",
            exception.Message);
        Assert.Equal(2, exception.SiloCount);
    }

    [Fact]
    public void PickSilo_NoReports_PicksCompatibleSilo()
    {
        var candidates = new[] { Silo(1), Silo(2) };

        Assert.Contains(CreateDirector().PickSilo(candidates), candidates);
    }

    private ContainerLoadPlacementDirector CreateDirector() =>
        new(_cache, TimeProvider.System, NullLogger<ContainerLoadPlacementDirector>.Instance);

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11000 + port), 1);
}
