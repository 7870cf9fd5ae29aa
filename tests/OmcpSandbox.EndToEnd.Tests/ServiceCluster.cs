using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using ModelContextProtocol.Client;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>
/// A real silo and front end started as separate processes on free loopback ports, with their own cluster id so
/// their containers can be told apart, and API keys for two agent tenants and an admin.
/// </summary>
internal sealed class ServiceCluster : IAsyncDisposable
{
    private readonly List<HostProcess> _processes = [];
    private readonly DockerClient _docker;

    private ServiceCluster(string clusterId, int port)
    {
        ClusterId = clusterId;
        Port = port;
        using var configuration = new DockerClientConfiguration(new Uri("unix://" + TestEnvironment.DockerSocketPath));
        _docker = configuration.CreateClient();
    }

    public string ClusterId { get; }

    public int Port { get; }

    public Uri McpEndpoint => new($"http://127.0.0.1:{Port}/mcp");

    public string TenantAKey { get; } = NewKey();

    public string TenantBKey { get; } = NewKey();

    public string AdminKey { get; } = NewKey();

    public IDockerClient Docker => _docker;

    /// <summary>Starts the cluster; <paramref name="settings"/> are extra environment variables of the silo, such as MAX_SANDBOXES.</summary>
    public static async Task<ServiceCluster> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new ServiceCluster($"e2e-{Guid.NewGuid():N}"[..16], FreePort());
        try
        {
            await cluster.StartProcessesAsync(settings ?? new Dictionary<string, string>());
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<McpClient> ConnectAsync(string? apiKey)
    {
        var options = new HttpClientTransportOptions { Endpoint = McpEndpoint, TransportMode = HttpTransportMode.StreamableHttp };
        if (apiKey is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {apiKey}" };
        }

        return await McpClient.CreateAsync(new HttpClientTransport(options));
    }

    /// <summary>Lists this cluster's containers on the engine, stopped ones too.</summary>
    public async Task<IList<ContainerListResponse>> ListContainersAsync() =>
        await _docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"omcp.cluster-id={ClusterId}"] = true },
            },
        });

    public string RecentOutput() => string.Join('\n', _processes.Select(process => process.RecentOutput()));

    public async ValueTask DisposeAsync()
    {
        for (var index = _processes.Count - 1; index >= 0; index--)
        {
            await _processes[index].DisposeAsync();
        }

        foreach (var container in await ListContainersAsync())
        {
            await _docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }

        _docker.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string NewKey() => "omcp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task StartProcessesAsync(IReadOnlyDictionary<string, string> settings)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var common = new Dictionary<string, string>
        {
            ["OMCP_CLUSTER_ID"] = ClusterId,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Information",
        };
        var silo = new Dictionary<string, string>(common)
        {
            ["DOCKER_IMAGE"] = TestEnvironment.SandboxImage ?? "",
            ["MAX_SANDBOXES"] = "40",
        };
        foreach (var (key, value) in settings)
        {
            silo[key] = value;
        }

        _processes.Add(HostProcess.Start(
            "silo", "dotnet",
            [RepositoryPaths.SiloDll, $"--Clustering:SiloPort={siloPort}", $"--Clustering:GatewayPort={gatewayPort}", $"--Silo:Name=silo-{ClusterId}"],
            silo));

        var frontend = new Dictionary<string, string>(common)
        {
            ["OMCP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OMCP_API_KEYS"] = $"{Hash(TenantAKey)}:tenant-a:agent;{Hash(TenantBKey)}:tenant-b:agent;{Hash(AdminKey)}:ops:admin",
        };
        _processes.Add(HostProcess.Start(
            "frontend", "dotnet", [RepositoryPaths.FrontendDll, $"--Clustering:GatewayPorts:0={gatewayPort}"], frontend));

        await WaitUntilHealthyAsync();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_processes.Any(process => process.HasExited))
            {
                throw new InvalidOperationException("A host exited during start.\n" + RecentOutput());
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    var health = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
                    if (health is not null && health.TryGetValue("active_silos", out var silos) && silos.ToString() != "0")
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The cluster did not become healthy within 90 s.\n" + RecentOutput());
    }
}
