using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using ModelContextProtocol.Client;
using OmcpSandbox.Benchmarks.Hosting;

namespace OmcpSandbox.Benchmarks;

/// <summary>
/// Creates and removes sessions on a real two-silo cluster (ADO.NET clustering on the test PostgreSQL server)
/// and reports how evenly placement spread them, read from the admin API, and the end-to-end create time.
/// </summary>
public sealed class ClusterPlacementBenchmark : IBenchmark
{
    private const int SiloCount = 2;
    private const int SessionsPerRound = 20;
    private const int RemovedPerRound = 10;
    private const int Rounds = 3;

    public string Name => "cluster-placement";

    public async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        if (context.DockerImage is null)
        {
            context.Log($"{Name}: skipped because DOCKER_IMAGE is not set; run it with ./omcp bench");
            return [];
        }

        // NOTE: the membership and storage tables live in the server's default database, keyed by a fresh
        // cluster id, so the session rows of earlier runs stay there.
        var connectionString = Environment.GetEnvironmentVariable("OMCP_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
        var clusterId = $"bench-cp-{Guid.NewGuid():N}"[..20];
        var port = LoopbackPorts.Next();
        var processes = new List<HostProcess>();
        try
        {
            string[] clustering = ["--Clustering:Provider=AdoNet", $"--Clustering:ConnectionString={connectionString}"];
            var common = new Dictionary<string, string> { ["OMCP_CLUSTER_ID"] = clusterId, ["DOTNET_ENVIRONMENT"] = "Production" };
            for (var index = 0; index < SiloCount; index++)
            {
                var silo = new Dictionary<string, string>(common) { ["DOCKER_IMAGE"] = context.DockerImage, ["MAX_SANDBOXES"] = "40" };
                processes.Add(HostProcess.Start(
                    $"silo {index + 1}",
                    "dotnet",
                    [RepositoryPaths.SiloDll, .. clustering, $"--Clustering:SiloPort={LoopbackPorts.Next()}", $"--Clustering:GatewayPort={LoopbackPorts.Next()}",
                        $"--Silo:Name={clusterId}-silo{index + 1}"],
                    silo));
            }

            // Without API keys the front end listens on loopback only and every caller is the local admin.
            var frontend = new Dictionary<string, string>(common) { ["OMCP_PORT"] = port.ToString(CultureInfo.InvariantCulture) };
            processes.Add(HostProcess.Start("front end", "dotnet", [RepositoryPaths.FrontendDll, .. clustering], frontend));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitForSilosAsync(http, processes, cancellationToken);
            return await MeasureAsync(context, http, port, cancellationToken);
        }
        finally
        {
            for (var index = processes.Count - 1; index >= 0; index--)
            {
                await processes[index].DisposeAsync();
            }

            await RemoveContainersAsync(clusterId);
        }
    }

    private async Task<IReadOnlyList<BenchmarkFigure>> MeasureAsync(BenchmarkContext context, HttpClient http, int port, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        var createMilliseconds = new List<double>();
        var live = new List<string>();
        var spreads = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            for (var index = 0; index < SessionsPerRound; index++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await client.CallToolAsync("create_sandbox", new Dictionary<string, object?>(), cancellationToken: cancellationToken);
                createMilliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (result.IsError == true || result.StructuredContent is not { } created)
                {
                    throw new InvalidOperationException($"create_sandbox failed in round {round + 1}: {result.StructuredContent}");
                }

                live.Add(created.GetProperty("sandbox_id").GetString()!);
            }

            var perSilo = await CountSessionsPerSiloAsync(http, cancellationToken);
            var spread = perSilo.Values.Max() / perSilo.Values.Average();
            spreads.Add(spread);
            context.Log($"{Name}: round {round + 1}, {live.Count} sessions: {string.Join(", ", perSilo.Select(pair => $"{pair.Key} {pair.Value}"))}");

            // Ending the oldest sessions leaves the silos uneven, so the next round shows whether placement evens them out.
            foreach (var sandboxId in live.Take(RemovedPerRound).ToList())
            {
                using var response = await http.DeleteAsync($"admin/api/sessions/{sandboxId}", cancellationToken);
                response.EnsureSuccessStatusCode();
                live.Remove(sandboxId);
            }
        }

        createMilliseconds.Sort();
        return
        [
            new(Name, "spread (max/mean), worst round", Math.Round(spreads.Max(), 3), "x", 1.1, "<="),
            new(Name, "spread (max/mean), last round", Math.Round(spreads[^1], 3), "x", 1.1, "<="),

            // The director does not expose its own timing, so this is the whole create call, container start included.
            new(Name, "create p50 (end to end)", Math.Round(createMilliseconds[createMilliseconds.Count / 2], 1), "ms"),
            new(Name, "create p95 (end to end)", Math.Round(createMilliseconds[(int)(createMilliseconds.Count * 0.95)], 1), "ms"),
        ];
    }

    private static async Task<Dictionary<string, int>> CountSessionsPerSiloAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var silos = await http.GetFromJsonAsync<JsonElement>("admin/api/silos", cancellationToken);
        var counts = silos.GetProperty("silos").EnumerateArray().ToDictionary(silo => silo.GetProperty("name").GetString()!, _ => 0);
        var sessions = await http.GetFromJsonAsync<JsonElement>("admin/api/sessions", cancellationToken);
        foreach (var session in sessions.GetProperty("sessions").EnumerateArray())
        {
            var silo = session.GetProperty("silo").GetString()!;
            counts[silo] = counts.GetValueOrDefault(silo) + 1;
        }

        return counts;
    }

    private static async Task WaitForSilosAsync(HttpClient http, List<HostProcess> processes, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (processes.FirstOrDefault(process => process.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"The {exited.Name} exited during start.\n{exited.RecentOutput()}");
            }

            try
            {
                var health = await http.GetFromJsonAsync<JsonElement>("healthz", cancellationToken);
                if (health.TryGetProperty("active_silos", out var active) && active.GetInt32() == SiloCount)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The front end is not listening yet, or the cluster is unavailable (503).
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"{SiloCount} silos did not become active within 90 s.\n" + string.Join('\n', processes.Select(p => p.RecentOutput())));
    }

    private static async Task RemoveContainersAsync(string clusterId)
    {
        using var configuration = new DockerClientConfiguration();
        using var docker = configuration.CreateClient();
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"omcp.cluster-id={clusterId}"] = true },
            },
        });
        foreach (var container in containers)
        {
            await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

}
