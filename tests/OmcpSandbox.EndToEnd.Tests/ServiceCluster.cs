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
/// Real silos and a front end started as separate processes on free loopback ports, with their own cluster id so
/// their containers can be told apart, and API keys for two agent tenants and an admin. One silo uses localhost
/// clustering, and several use ADO.NET clustering on the PostgreSQL database given in the options.
/// </summary>
internal sealed class ServiceCluster : IAsyncDisposable
{
    private readonly List<HostProcess> _processes = [];
    private readonly List<HostProcess> _silos = [];
    private readonly List<string> _siloNames = [];
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

    /// <summary>Gets the silo processes in start order.</summary>
    public IReadOnlyList<HostProcess> Silos => _silos;

    /// <summary>Gets the silo names (<c>Silo:Name</c>) in start order, as session descriptions and container labels carry them.</summary>
    public IReadOnlyList<string> SiloNames => _siloNames;

    public HostProcess Frontend { get; private set; } = null!;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts the cluster; <paramref name="settings"/> are extra environment variables of the silo, such as MAX_SANDBOXES.</summary>
    public static Task<ServiceCluster> StartAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(new ServiceClusterOptions { SiloSettings = settings ?? new Dictionary<string, string>() });

    /// <summary>Starts the silos and the front end, and returns once the front end reports every silo active.</summary>
    public static async Task<ServiceCluster> StartAsync(ServiceClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SiloCount > 1 && options.ConnectionString is null)
        {
            throw new ArgumentException("Several silos need ADO.NET clustering; set ConnectionString to a scratch database.", nameof(options));
        }

        var cluster = new ServiceCluster($"e2e-{Guid.NewGuid():N}"[..16], LoopbackPorts.Next());
        try
        {
            await cluster.StartProcessesAsync(options);
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

    /// <summary>Returns an HTTP client for the front end that sends <paramref name="apiKey"/> as a bearer token, or no key when null.</summary>
    public HttpClient CreateHttpClient(string? apiKey)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }

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

    private static string NewKey() => "omcp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task StartProcessesAsync(ServiceClusterOptions options)
    {
        var common = new Dictionary<string, string>
        {
            ["OMCP_CLUSTER_ID"] = ClusterId,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Information",
        };
        var clustering = new List<string>();
        if (options.ConnectionString is { } connectionString)
        {
            clustering.Add("--Clustering:Provider=AdoNet");
            clustering.Add($"--Clustering:ConnectionString={connectionString}");
        }

        var silo = new Dictionary<string, string>(common)
        {
            ["DOCKER_IMAGE"] = TestEnvironment.SandboxImage ?? "",
            ["MAX_SANDBOXES"] = "40",
        };
        foreach (var (key, value) in options.SiloSettings)
        {
            silo[key] = value;
        }

        var gatewayPorts = new List<int>();
        for (var index = 0; index < options.SiloCount; index++)
        {
            var siloPort = LoopbackPorts.Next();
            var gatewayPort = LoopbackPorts.Next();
            var name = options.SiloCount == 1 ? $"silo-{ClusterId}" : $"silo{index + 1}-{ClusterId}";
            var process = HostProcess.Start(
                name, "dotnet",
                [RepositoryPaths.SiloDll, .. clustering, $"--Clustering:SiloPort={siloPort}", $"--Clustering:GatewayPort={gatewayPort}", $"--Silo:Name={name}"],
                silo);
            _processes.Add(process);
            _silos.Add(process);
            _siloNames.Add(name);
            gatewayPorts.Add(gatewayPort);
        }

        var frontend = new Dictionary<string, string>(common)
        {
            ["OMCP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OMCP_API_KEYS"] = $"{Hash(TenantAKey)}:tenant-a:agent;{Hash(TenantBKey)}:tenant-b:agent;{Hash(AdminKey)}:ops:admin",
        };
        foreach (var (key, value) in options.FrontendSettings)
        {
            frontend[key] = value;
        }

        // With ADO.NET clustering the front end finds the gateways in the membership table.
        IEnumerable<string> gateways = options.ConnectionString is null
            ? gatewayPorts.Select((port, index) => $"--Clustering:GatewayPorts:{index}={port}")
            : [];
        Frontend = HostProcess.Start("frontend", "dotnet", [RepositoryPaths.FrontendDll, .. clustering, .. gateways], frontend);
        _processes.Add(Frontend);

        await WaitUntilHealthyAsync(options.SiloCount);
    }

    private async Task WaitUntilHealthyAsync(int siloCount)
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
                    if (health is not null && health.TryGetValue("active_silos", out var silos) && silos.ToString() == $"{siloCount}")
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

/// <summary>How <see cref="ServiceCluster"/> starts its hosts.</summary>
internal sealed record ServiceClusterOptions
{
    /// <summary>Gets the number of silos; more than one needs <see cref="ConnectionString"/>.</summary>
    public int SiloCount { get; init; } = 1;

    /// <summary>Gets the PostgreSQL database for ADO.NET clustering and grain storage, or null for localhost clustering.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Gets extra environment variables of every silo, such as <c>MAX_SANDBOXES</c> or <c>Membership__ProbeTimeout</c>.</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets extra environment variables of the front end.</summary>
    public IReadOnlyDictionary<string, string> FrontendSettings { get; init; } = new Dictionary<string, string>();
}
