using System.Diagnostics;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Sandboxing.Runner;

namespace OmcpSandbox.Sandboxing;

/// <summary>
/// A sandbox session on the local engine. It owns one container at a time. When an execution breaks the
/// container, a replacement is started at once, so the next call waits for it as little as possible.
/// </summary>
internal sealed class Sandbox : ISandbox
{
    private readonly IDockerClient _docker;
    private readonly SandboxOptions _options;
    private readonly JsonNode? _policy;
    private readonly ILogger _logger;
    private readonly Action<Sandbox> _onDisposed;
    private readonly ContainerRegistry _registry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task<SandboxContainer> _container;
    private bool _disposed;

    private Sandbox(
        string sandboxId, IDockerClient docker, SandboxOptions options, JsonNode? policy, ILogger logger,
        Action<Sandbox> onDisposed, ContainerRegistry registry, SandboxContainer container)
    {
        _registry = registry;
        SandboxId = sandboxId;
        _docker = docker;
        _options = options;
        _policy = policy;
        _logger = logger;
        _onDisposed = onDisposed;
        _container = Task.FromResult(container);
    }

    public string SandboxId { get; }

    public string ContainerId => _container.IsCompletedSuccessfully ? _container.Result.ContainerId : "";

    public static async Task<Sandbox> StartAsync(
        string sandboxId, IDockerClient docker, SandboxOptions options, JsonNode? policy, ILogger logger,
        Action<Sandbox> onDisposed, ContainerRegistry registry, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var container = await SandboxContainer.StartAsync(docker, options, policy, sandboxId, logger, registry, cancellationToken)
            .ConfigureAwait(false);
        Log.ContainerStarted(logger, container.ContainerId, sandboxId, stopwatch.Elapsed.TotalMilliseconds);
        return new Sandbox(sandboxId, docker, options, policy, logger, onDisposed, registry, container);
    }

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IHostCallHandler? callHandler = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(new RunnerCommand { Type = "execute", Code = request.Code }, request.Timeout, callHandler, cancellationToken);
    }

    public Task<ExecutionResult> InstallPackageAsync(string requirement, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requirement);
        if (_options.WheelDirectory.Length == 0)
        {
            throw new InvalidOperationException("Package installs need Sandbox:WheelDirectory, a host directory of wheels.");
        }

        var command = new RunnerCommand { Type = "install", Requirement = requirement, WheelDirectory = ContainerSpec.WheelMountPath };
        return RunAsync(command, timeout, null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                await (await _container.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SandboxStartException or DockerApiException or OperationCanceledException)
            {
                // A replacement that never started leaves nothing to remove.
            }
        }
        finally
        {
            _gate.Release();
            _onDisposed(this);
        }
    }

    private async Task<ExecutionResult> RunAsync(RunnerCommand command, TimeSpan timeout, IHostCallHandler? callHandler, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var stateReset = false;
            SandboxContainer container;
            try
            {
                container = await _container.ConfigureAwait(false);
            }
            catch (SandboxStartException)
            {
                // The last replacement failed to start; try once more on this call's behalf.
                _container = StartReplacementAsync();
                container = await _container.ConfigureAwait(false);
                stateReset = true;
            }

            if (container.IsBroken)
            {
                // A cancelled call left the container in an unknown state.
                await container.DisposeAsync().ConfigureAwait(false);
                _container = StartReplacementAsync();
                container = await _container.ConfigureAwait(false);
                stateReset = true;
            }

            var result = await container.RunAsync(command, timeout, callHandler, cancellationToken).ConfigureAwait(false);
            if (container.IsBroken)
            {
                await container.DisposeAsync().ConfigureAwait(false);
                Log.ReplacingContainer(_logger, SandboxId);
                _container = StartReplacementAsync();
                // Observe a failure here, because the next call gets it again and retries.
                _ = _container.ContinueWith(static task => _ = task.Exception, TaskScheduler.Default);
                stateReset = true;
            }

            return stateReset ? result with { StateReset = true } : result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<SandboxContainer> StartReplacementAsync() =>
        SandboxContainer.StartAsync(_docker, _options, _policy, SandboxId, _logger, _registry, CancellationToken.None);
}
