using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Sandboxing.Runner;

namespace OmcpSandbox.Sandboxing;

/// <summary>
/// One running container and the channel to its runner. Once an execution breaks it (deadline, crash, protocol
/// violation) it is <see cref="IsBroken"/> and must be replaced; it never runs code again.
/// </summary>
internal sealed class SandboxContainer : IAsyncDisposable
{
    // Room for the JSON header and traceback next to the captured output, which the runner caps itself.
    private const int HeaderAllowance = 256 * 1024;
    private static readonly UTF8Encoding _lenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly IDockerClient _docker;
    private readonly SandboxOptions _options;
    private readonly ILogger _logger;
    private readonly RunnerChannel _channel;
    private readonly ContainerRegistry _registry;
    private long _nextId;
    private int _disposed;

    private SandboxContainer(
        IDockerClient docker, SandboxOptions options, ILogger logger, ContainerRegistry registry, string id, RunnerChannel channel)
    {
        _registry = registry;
        _docker = docker;
        _options = options;
        _logger = logger;
        ContainerId = id;
        _channel = channel;
    }

    public string ContainerId { get; }

    public bool IsBroken { get; private set; }

    public static async Task<SandboxContainer> StartAsync(
        IDockerClient docker, SandboxOptions options, JsonNode? policy, string sandboxId, ILogger logger, ContainerRegistry registry,
        CancellationToken cancellationToken)
    {
        var createdAt = DateTimeOffset.UtcNow;
        CreateContainerResponse created;
        try
        {
            created = await docker.Containers.CreateContainerAsync(ContainerSpec.Build(options, sandboxId, createdAt), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            throw new SandboxImageNotFoundException(options.Image);
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new SandboxImageNotFoundException(options.Image);
        }

        registry.Add(created.ID);
        MultiplexedStream? stream = null;
        try
        {
            // Attaching before the start means the runner's first frame cannot be missed.
            stream = await docker.Containers.AttachContainerAsync(
                created.ID, tty: false,
                new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true },
                cancellationToken).ConfigureAwait(false);
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);

            var channel = new RunnerChannel(stream, options.OutputLimitBytes + HeaderAllowance);
            var container = new SandboxContainer(docker, options, logger, registry, created.ID, channel);
            using var startDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startDeadline.CancelAfter(options.StartTimeout);
            await container.HandshakeAsync(policy, startDeadline.Token).ConfigureAwait(false);
            return container;
        }
        catch (Exception exception)
        {
            stream?.Dispose();
            var diagnosis = await DescribeFailedStartAsync(docker, created.ID).ConfigureAwait(false);
            await RemoveQuietlyAsync(docker, created.ID, logger).ConfigureAwait(false);
            registry.Remove(created.ID);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SandboxStartException(
                $"The sandbox container for {sandboxId} did not start its interpreter: {exception.Message}{diagnosis}", exception);
        }
    }

    public async Task<ExecutionResult> RunAsync(RunnerCommand command, TimeSpan timeout, IHostCallHandler? callHandler, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (IsBroken)
        {
            throw new InvalidOperationException("A broken container cannot run code; replace it first.");
        }

        var id = ++_nextId;
        command = command with { Id = id };
        var stopwatch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        // Killing the container ends a read that does not observe cancellation, and ends code that ignores signals.
        using var killAtDeadline = deadline.Token.Register(() => _ = BreakAsync());
        try
        {
            await _channel.SendAsync(command, deadline.Token).ConfigureAwait(false);
            while (true)
            {
                var (message, payload) = await _channel.ReceiveAsync(deadline.Token).ConfigureAwait(false);
                switch (message.Type)
                {
                    case "result" when message.Id == id:
                        return ToResult(message, payload.Span, stopwatch.Elapsed);
                    case "call":
                        await AnswerCallAsync(message, callHandler, deadline.Token).ConfigureAwait(false);
                        break;
                    default:
                        throw new RunnerProtocolException($"The runner sent an unexpected '{message.Type}' message.");
                }
            }
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
                                          exception is OperationCanceledException or EndOfStreamException or IOException or DockerApiException)
        {
            await BreakAsync().ConfigureAwait(false);
            Log.ExecutionTimedOut(_logger, ContainerId, timeout.TotalSeconds);
            return new ExecutionResult
            {
                ExitCode = ExecutionResult.ExitTimedOut,
                TimedOut = true,
                StateReset = true,
                Duration = stopwatch.Elapsed,
                Error = new ExecutionError(
                    "TimeoutError",
                    $"Execution timed out after {timeout.TotalSeconds:0.###} s and was killed. The interpreter was replaced, so " +
                    "variables and files from earlier calls are gone. Raise the timeout or make the code faster.",
                    ""),
            };
        }
        catch (OperationCanceledException)
        {
            await BreakAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception exception) when (exception is EndOfStreamException or RunnerProtocolException or IOException or DockerApiException)
        {
            await BreakAsync().ConfigureAwait(false);
            return await DescribeCrashAsync(exception, stopwatch.Elapsed).ConfigureAwait(false);
        }
    }

    public RunnerCommand ExecuteCommand(string code) => new() { Type = "execute", Code = code };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _channel.Dispose();
        await RemoveQuietlyAsync(_docker, ContainerId, _logger).ConfigureAwait(false);
        _registry.Remove(ContainerId);
    }

    private async Task HandshakeAsync(JsonNode? policy, CancellationToken cancellationToken)
    {
        var (ready, _) = await _channel.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (ready.Type != "ready")
        {
            throw new RunnerProtocolException($"The runner sent '{ready.Type}' where 'ready' was expected.");
        }

        await _channel.SendAsync(
            new RunnerCommand { Type = "configure", OutputLimit = _options.OutputLimitBytes, Policy = policy?.DeepClone() },
            cancellationToken).ConfigureAwait(false);
        var (configured, _) = await _channel.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (configured.Type != "configured")
        {
            throw new RunnerProtocolException($"The runner sent '{configured.Type}' where 'configured' was expected.");
        }
    }

    private async Task AnswerCallAsync(RunnerEvent call, IHostCallHandler? callHandler, CancellationToken cancellationToken)
    {
        RunnerCommand reply;
        if (callHandler is null || string.IsNullOrEmpty(call.Method))
        {
            reply = new RunnerCommand { Type = "reply", Id = call.Id, Error = $"The host offers no method '{call.Method}' here." };
        }
        else
        {
            try
            {
                var result = await callHandler.HandleAsync(call.Method, call.Params, cancellationToken).ConfigureAwait(false);
                reply = new RunnerCommand { Type = "reply", Id = call.Id, Result = result };
            }
            catch (HostCallException exception)
            {
                reply = new RunnerCommand { Type = "reply", Id = call.Id, Error = exception.Message };
            }
        }

        await _channel.SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private static ExecutionResult ToResult(RunnerEvent message, ReadOnlySpan<byte> payload, TimeSpan duration)
    {
        var stdoutLength = Math.Clamp(message.StdoutLength, 0, payload.Length);
        return new ExecutionResult
        {
            Stdout = _lenientUtf8.GetString(payload[..stdoutLength]),
            Stderr = _lenientUtf8.GetString(payload[stdoutLength..]),
            ExitCode = message.ExitCode,
            OutputTruncated = message.OutputTruncated,
            Duration = duration,
            Error = message.Error is { } error
                ? new ExecutionError(error.Type ?? "Exception", error.Message ?? "", error.Traceback ?? "")
                : null,
            Rejection = message.Rejection is { } rejection
                ? new RunnerRejection(rejection.Rule ?? "policy", rejection.Name ?? "", rejection.Line, rejection.Column, rejection.Message ?? "")
                : null,
        };
    }

    private async Task<ExecutionResult> DescribeCrashAsync(Exception exception, TimeSpan duration)
    {
        var exitCode = ExecutionResult.ExitKilled;
        var message = $"The sandbox interpreter stopped unexpectedly ({exception.Message}). It was replaced, so variables and " +
                      "files from earlier calls are gone.";
        try
        {
            var state = (await _docker.Containers.InspectContainerAsync(ContainerId).ConfigureAwait(false)).State;
            if (state.OOMKilled)
            {
                message = $"The code used more than the sandbox memory limit of {ByteSize.Format(_options.MemoryBytes)} and was killed " +
                          "(out of memory). The interpreter was replaced, so variables and files from earlier calls are gone. " +
                          "Work on smaller pieces of data.";
            }
            else if (state.ExitCode != 0)
            {
                exitCode = (int)state.ExitCode;
                message = $"The sandbox interpreter exited with status {state.ExitCode}. It was replaced, so variables and files " +
                          "from earlier calls are gone.";
            }
        }
        catch (DockerApiException)
        {
            // The container is already gone, so the generic message is kept.
        }

        Log.ContainerCrashed(_logger, ContainerId, exitCode, exception.GetType().Name);
        return new ExecutionResult
        {
            ExitCode = exitCode,
            StateReset = true,
            Duration = duration,
            OutputTruncated = exception is RunnerProtocolException,
            Error = new ExecutionError(exception is RunnerProtocolException ? "OutputLimitExceeded" : "SandboxCrashed", message, ""),
        };
    }

    private async Task BreakAsync()
    {
        if (IsBroken)
        {
            return;
        }

        IsBroken = true;
        try
        {
            await _docker.Containers.KillContainerAsync(ContainerId, new ContainerKillParameters { Signal = "SIGKILL" })
                .ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            // Already stopped, for example after an out-of-memory kill.
        }
    }

    /// <summary>Returns the exit status and the last lines the container wrote, which show why its runner stopped.</summary>
    private static async Task<string> DescribeFailedStartAsync(IDockerClient docker, string containerId)
    {
        try
        {
            var state = (await docker.Containers.InspectContainerAsync(containerId).ConfigureAwait(false)).State;
            using var logs = await docker.Containers.GetContainerLogsAsync(
                containerId, tty: false, new ContainerLogsParameters { ShowStdout = false, ShowStderr = true, Tail = "20" })
                .ConfigureAwait(false);
            var (_, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None).ConfigureAwait(false);
            var tail = stderr.Length > 2000 ? stderr[^2000..] : stderr;
            return $" (container state {state.Status}, exit {state.ExitCode}, out of memory {state.OOMKilled}" +
                   (tail.Length > 0 ? $"; it wrote: {tail.Trim()})" : ")");
        }
        catch (DockerApiException)
        {
            return "";
        }
    }

    private static async Task RemoveQuietlyAsync(IDockerClient docker, string containerId, ILogger logger)
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }).ConfigureAwait(false);
            Log.ContainerRemoved(logger, containerId);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (DockerApiException exception)
        {
            Log.ContainerRemoveFailed(logger, containerId, exception);
        }
    }
}
