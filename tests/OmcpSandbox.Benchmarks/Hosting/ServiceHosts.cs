using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using ModelContextProtocol.Client;

namespace OmcpSandbox.Benchmarks.Hosting;

/// <summary>
/// A built silo and MCP front end started as child processes on free loopback ports, with a cluster id of their own
/// so their containers can be found and removed, and one agent API key.
/// </summary>
internal sealed class ServiceHosts : IAsyncDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(90);
    private readonly List<HostProcess> _processes = [];

    private ServiceHosts(string clusterId, int port)
    {
        ClusterId = clusterId;
        Port = port;
    }

    /// <summary>Gets the value of the <c>omcp.cluster-id</c> label on every container the silo creates.</summary>
    public string ClusterId { get; }

    public int Port { get; }

    public string ApiKey { get; } = "omcp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public Uri McpEndpoint => new($"http://127.0.0.1:{Port}/mcp");

    /// <summary>Starts the silo with <paramref name="maxSandboxes"/> and the front end, and waits until the front end reaches the silo.</summary>
    public static async Task<ServiceHosts> StartAsync(string image, int maxSandboxes, CancellationToken cancellationToken)
    {
        var hosts = new ServiceHosts($"bench-{Guid.NewGuid():N}"[..18], LoopbackPorts.Next());
        try
        {
            hosts.StartProcesses(image, maxSandboxes);
            await hosts.WaitUntilHealthyAsync(cancellationToken);
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects a new MCP client over Streamable HTTP with the API key.</summary>
    public async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {ApiKey}" },
        };
        return await McpClient.CreateAsync(new HttpClientTransport(options), cancellationToken: cancellationToken);
    }

    /// <summary>Returns the id of the container that the silo started for <paramref name="sandboxId"/>.</summary>
    public async Task<string> FindContainerAsync(IDockerClient docker, string sandboxId, CancellationToken cancellationToken)
    {
        var containers = await ListContainersAsync(docker, $"omcp.sandbox-id={sandboxId}", cancellationToken);
        return containers.Count == 1
            ? containers[0].ID
            : throw new InvalidOperationException($"Sandbox {sandboxId} has {containers.Count} containers on the engine; expected 1.");
    }

    public string RecentOutput() => string.Join('\n', _processes.Select(process => process.RecentOutput()));

    /// <summary>Stops the front end, then the silo, and removes every container of this cluster that is left.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var index = _processes.Count - 1; index >= 0; index--)
        {
            await _processes[index].DisposeAsync();
        }

        using var configuration = new DockerClientConfiguration(new Uri(DockerExec.Endpoint));
        using var docker = configuration.CreateClient();
        foreach (var container in await ListContainersAsync(docker, $"omcp.cluster-id={ClusterId}", CancellationToken.None))
        {
            await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    private static async Task<IList<ContainerListResponse>> ListContainersAsync(
        IDockerClient docker, string label, CancellationToken cancellationToken) =>
        await docker.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [label] = true },
                },
            },
            cancellationToken);

    private void StartProcesses(string image, int maxSandboxes)
    {
        var siloPort = LoopbackPorts.Next();
        var gatewayPort = LoopbackPorts.Next();
        var common = new Dictionary<string, string>
        {
            ["OMCP_CLUSTER_ID"] = ClusterId,
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        var silo = new Dictionary<string, string>(common)
        {
            ["DOCKER_IMAGE"] = image,
            ["MAX_SANDBOXES"] = maxSandboxes.ToString(CultureInfo.InvariantCulture),
        };
        _processes.Add(HostProcess.Start(
            "silo",
            "dotnet",
            [RepositoryPaths.SiloDll, $"--Clustering:SiloPort={siloPort}", $"--Clustering:GatewayPort={gatewayPort}", $"--Silo:Name=silo-{ClusterId}"],
            silo));

        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));
        var frontend = new Dictionary<string, string>(common)
        {
            ["OMCP_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["OMCP_API_KEYS"] = $"{keyHash}:bench:agent",
        };
        _processes.Add(HostProcess.Start("frontend", "dotnet", [RepositoryPaths.FrontendDll, $"--Clustering:GatewayPorts:0={gatewayPort}"], frontend));
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + _startTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_processes.FirstOrDefault(process => process.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"The {exited.Name} exited during start.\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/healthz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var health = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>(cancellationToken);
                    if (health is not null && health.TryGetValue("active_silos", out var silos) && silos.ToString() != "0")
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // The front end is not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The health check timed out because the front end is still starting.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The front end did not report an active silo within {_startTimeout.TotalSeconds:0} s.\n{RecentOutput()}");
    }
}
