using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OmcpSandbox.Sandboxing;

/// <summary>The sandbox runtime on a Docker engine reached through Docker.DotNet.</summary>
public sealed class DockerSandboxRuntime : ISandboxRuntime, IDisposable
{
    private readonly SandboxOptions _options;
    private readonly ILogger<DockerSandboxRuntime> _logger;
    private readonly DockerClient _docker;
    private readonly ConcurrentDictionary<Sandbox, byte> _live = new();
    private readonly ContainerRegistry _containers = new();
    private readonly JsonNode? _policy;

    /// <summary>Creates a runtime with the given options and the policy the runner checks code against.</summary>
    /// <param name="options">Container settings.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="runnerPolicy">The policy sent to every runner at start, or null to run code unchecked inside.</param>
    public DockerSandboxRuntime(IOptions<SandboxOptions> options, ILogger<DockerSandboxRuntime> logger, IRunnerPolicySource? runnerPolicy = null)
    {
        _options = options.Value;
        _logger = logger;
        _policy = runnerPolicy?.GetRunnerPolicy();
        // No request timeout: attached streams stay open for the life of a session.
        using var configuration = new DockerClientConfiguration(new Uri(_options.DockerEndpoint), defaultTimeout: Timeout.InfiniteTimeSpan);
        _docker = configuration.CreateClient();
    }

    public int LiveSandboxes => _live.Count;

    public async Task<ISandbox> CreateAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sandboxId);
        var sandbox = await Sandbox.StartAsync(
            sandboxId, _docker, _options, _policy, _logger, disposed => _live.TryRemove(disposed, out _), _containers, cancellationToken)
            .ConfigureAwait(false);
        _live.TryAdd(sandbox, 0);
        return sandbox;
    }

    public async Task DisposeAllAsync()
    {
        await Task.WhenAll(_live.Keys.Select(sandbox => sandbox.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SandboxContainerInfo>> ListContainersAsync(CancellationToken cancellationToken = default)
    {
        var containers = await _docker.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.ClusterId}={_options.ClusterId}"] = true },
                },
            },
            cancellationToken).ConfigureAwait(false);
        return [.. containers.Select(Describe)];
    }

    public async Task<IReadOnlyList<SandboxContainerInfo>> RemoveOrphansAsync(
        Func<SandboxContainerInfo, bool> isLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isLive);
        var removed = new List<SandboxContainerInfo>();
        foreach (var container in await ListContainersAsync(cancellationToken).ConfigureAwait(false))
        {
            // Ownership is checked after the listing, so a container created meanwhile is seen as this runtime's.
            if (_containers.Contains(container.ContainerId) || isLive(container) || IsStartingHere(container))
            {
                continue;
            }

            try
            {
                await _docker.Containers.RemoveContainerAsync(
                    container.ContainerId, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
                removed.Add(container);
                Log.OrphanRemoved(_logger, container.ContainerId, container.SandboxId, container.Silo);
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed meanwhile by its owner.
            }
        }

        return removed;
    }

    public void Dispose() => _docker.Dispose();

    // The engine returns a new container's id only after it exists, so a listing can include it a moment before
    // the registry does. This silo's containers younger than the start timeout are left for the next pass.
    private bool IsStartingHere(SandboxContainerInfo container) =>
        container.Silo == _options.SiloName && DateTimeOffset.UtcNow - container.CreatedAt < _options.StartTimeout;

    private static SandboxContainerInfo Describe(ContainerListResponse container)
    {
        IReadOnlyDictionary<string, string> labels = container.Labels as Dictionary<string, string> ?? new Dictionary<string, string>(container.Labels ?? new Dictionary<string, string>());
        var createdAt = labels.TryGetValue(ContainerLabels.CreatedAt, out var text) &&
                        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : new DateTimeOffset(container.Created, TimeSpan.Zero);
        return new SandboxContainerInfo(
            container.ID,
            labels.GetValueOrDefault(ContainerLabels.SandboxId, ""),
            labels.GetValueOrDefault(ContainerLabels.ClusterId, ""),
            labels.GetValueOrDefault(ContainerLabels.Silo, ""),
            createdAt,
            container.State ?? "");
    }
}
