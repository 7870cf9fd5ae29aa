using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Placement;
using OmcpSandbox.Placement;
using Orleans.Runtime;

namespace OmcpSandbox.Benchmarks;

/// <summary>
/// Runs <see cref="ContainerLoadPlacementDirector"/> alone on 100 simulated silos and places 50,000 sessions,
/// with each silo reporting its true count after every 20 placements. Measures the spread (largest silo load
/// over the mean) and the time of one decision.
/// </summary>
public sealed class PlacementSimulationBenchmark : IBenchmark
{
    private const int SiloCount = 100;
    private const int SessionCount = 50_000;
    private const int Capacity = 1_000;
    private const int PlacementsPerReportRound = 20;

    public string Name => "placement";

    public Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var cache = new SiloLoadCache(Options.Create(new ContainerLoadOptions()));
        var director = new ContainerLoadPlacementDirector(cache, TimeProvider.System, NullLogger<ContainerLoadPlacementDirector>.Instance);
        var silos = Enumerable.Range(0, SiloCount)
            .Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 20_000 + i), 1))
            .ToArray();
        var index = silos.Select((silo, i) => (silo, i)).ToDictionary(pair => pair.silo, pair => pair.i);
        var live = new int[SiloCount];
        var clock = DateTime.UtcNow;
        Report(cache, silos, live, clock);

        // Warm the JIT so the first decisions do not count compilation.
        for (var i = 0; i < 1_000; i++)
        {
            director.PickSilo(silos);
        }

        cache = new SiloLoadCache(Options.Create(new ContainerLoadOptions()));
        director = new ContainerLoadPlacementDirector(cache, TimeProvider.System, NullLogger<ContainerLoadPlacementDirector>.Instance);
        Report(cache, silos, live, clock);

        var decisionTicks = new long[SessionCount];
        for (var session = 0; session < SessionCount; session++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var chosen = director.PickSilo(silos);
            decisionTicks[session] = Stopwatch.GetTimestamp() - started;
            live[index[chosen]]++;

            if ((session + 1) % PlacementsPerReportRound == 0)
            {
                clock = clock.AddMilliseconds(1);
                Report(cache, silos, live, clock);
            }
        }

        Array.Sort(decisionTicks);
        var spread = live.Max() / (double)live.Average();
        var p50 = Microseconds(decisionTicks[SessionCount / 2]);
        var p99 = Microseconds(decisionTicks[(int)(SessionCount * 0.99)]);
        context.Log($"placement: {SessionCount} sessions on {SiloCount} silos, largest {live.Max()}, smallest {live.Min()}");

        IReadOnlyList<BenchmarkFigure> figures =
        [
            new(Name, "spread (max/mean)", Math.Round(spread, 3), "x", 1.1, "<="),
            new(Name, "decision p50", Math.Round(p50, 2), "us", 50, "<"),
            new(Name, "decision p99", Math.Round(p99, 2), "us", 50, "<"),
        ];
        return Task.FromResult(figures);
    }

    private static void Report(SiloLoadCache cache, SiloAddress[] silos, int[] live, DateTime publishedAt)
    {
        for (var i = 0; i < silos.Length; i++)
        {
            cache.Update(new SiloLoadReport(silos[i], live[i], Capacity, publishedAt));
        }
    }

    private static double Microseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
