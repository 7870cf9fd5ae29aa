using System.Diagnostics;
using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OmcpSandbox.Sandboxing;

namespace OmcpSandbox.Benchmarks;

/// <summary>
/// Measures the execution round trip of a warm sandbox against the method it replaces, one <c>docker exec
/// python3 -c CODE</c> per call, and the time to create and start a sandbox container.
/// </summary>
public sealed class RuntimeBenchmark : IBenchmark
{
    private const int WarmUpCalls = 100;
    private const int RoundTripCalls = 1000;
    private const int ExecWarmUpCalls = 3;
    private const int ExecCalls = 60;
    private const int ContainerStarts = 10;
    private const string Code = "x += 1; print(x)";

    public string Name => "runtime";

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var image = context.DockerImage
            ?? throw new InvalidOperationException("DOCKER_IMAGE is not set; run the benchmarks with ./omcp bench, which builds the image and sets it.");
        var options = new SandboxOptions
        {
            Image = image,
            DockerEndpoint = DockerExec.Endpoint,
            ClusterId = $"omcp-bench-{Guid.NewGuid():N}"[..23],
            SiloName = "benchmarks",
        };
        using var runtime = new DockerSandboxRuntime(Options.Create(options), NullLogger<DockerSandboxRuntime>.Instance);
        using var configuration = new DockerClientConfiguration(new Uri(options.DockerEndpoint));
        using var docker = configuration.CreateClient();
        try
        {
            await using var sandbox = await runtime.CreateAsync("bench-warm", cancellationToken);
            context.Log($"Measuring {RoundTripCalls} warm round trips after {WarmUpCalls} warm-up calls...");
            var roundTrips = await MeasureRoundTripsAsync(sandbox, cancellationToken);
            context.Log($"Measuring {ExecCalls} docker exec calls in container {sandbox.ContainerId[..12]}...");
            var execs = await DockerExec.MeasureLatencyAsync(docker, sandbox.ContainerId, ExecWarmUpCalls, ExecCalls, cancellationToken);
            context.Log($"Measuring {ContainerStarts} container starts...");
            var starts = await MeasureStartsAsync(runtime, cancellationToken);

            var roundTripMedian = Samples.Percentile(roundTrips, 50);
            var execMedian = Samples.Percentile(execs, 50);
            return
            [
                new(Name, "warm round trip p50", roundTripMedian, "ms", 1, "<"),
                new(Name, "warm round trip p99", Samples.Percentile(roundTrips, 99), "ms"),
                new(Name, "docker exec p50", execMedian, "ms"),
                new(Name, "docker exec p99", Samples.Percentile(execs, 99), "ms"),
                new(Name, "docker exec p50 / warm round trip p50", execMedian / roundTripMedian, "x", 40, ">="),
                new(Name, "container create and start p50", Samples.Percentile(starts, 50), "ms"),
            ];
        }
        finally
        {
            await runtime.RemoveOrphansAsync(_ => false, CancellationToken.None);
        }
    }

    private static async Task<List<double>> MeasureRoundTripsAsync(ISandbox sandbox, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(10);
        await RunCheckedAsync(sandbox, new ExecutionRequest("x = 0", timeout), cancellationToken);
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await RunCheckedAsync(sandbox, new ExecutionRequest(Code, timeout), cancellationToken);
        }

        var samples = new List<double>(RoundTripCalls);
        for (var i = 0; i < RoundTripCalls; i++)
        {
            var request = new ExecutionRequest(Code, timeout);
            var started = Stopwatch.GetTimestamp();
            await RunCheckedAsync(sandbox, request, cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return samples;
    }

    private static async Task<List<double>> MeasureStartsAsync(DockerSandboxRuntime runtime, CancellationToken cancellationToken)
    {
        var samples = new List<double>(ContainerStarts);
        for (var i = 0; i < ContainerStarts; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var sandbox = await runtime.CreateAsync($"bench-start-{i}", cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await sandbox.DisposeAsync();
        }

        return samples;
    }

    private static async Task RunCheckedAsync(ISandbox sandbox, ExecutionRequest request, CancellationToken cancellationToken)
    {
        var result = await sandbox.ExecuteAsync(request, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The benchmark code failed in the sandbox: {result.Error}");
        }
    }
}
