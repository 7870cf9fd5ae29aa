using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Sessions;
using OmcpSandbox.Placement;
using OmcpSandbox.Sandboxing;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>
/// A sandbox session. The activation owns at most one container. Executions run one at a time behind a
/// bounded queue, while describe and remove calls interleave with a running execution.
/// </summary>
[Reentrant]
[ContainerLoadPlacement]
public sealed partial class SandboxSessionGrain : Grain, ISandboxSessionGrain
{
    private readonly IPersistentState<SessionState> _state;
    private readonly ISandboxRuntime _runtime;
    private readonly SiloSandboxCapacity _capacity;
    private readonly ICodeValidator _validator;
    private readonly IEnumerable<ISessionCallHandlerFactory> _callHandlers;
    private readonly SessionOptions _options;
    private readonly string _siloName;
    private readonly TimeProvider _time;
    private readonly ILogger<SandboxSessionGrain> _logger;
    private readonly SemaphoreSlim _executionGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private ISandbox? _sandbox;
    private Task<SessionFault?>? _starting;
    private bool _holdsSlot;
    private bool _stateResetPending;
    private bool _dirty;
    private int _pending;
    private IGrainTimer? _idleTimer;

    public SandboxSessionGrain(
        [PersistentState("session", SessionStorage.Name)] IPersistentState<SessionState> state,
        ISandboxRuntime runtime,
        SiloSandboxCapacity capacity,
        ICodeValidator validator,
        IEnumerable<ISessionCallHandlerFactory> callHandlers,
        IOptions<SessionOptions> options,
        ILocalSiloDetails silo,
        TimeProvider time,
        ILogger<SandboxSessionGrain> logger)
    {
        _state = state;
        _runtime = runtime;
        _capacity = capacity;
        _validator = validator;
        _callHandlers = callHandlers;
        _options = options.Value;
        _siloName = silo.Name;
        _time = time;
        _logger = logger;
    }

    private string SandboxId => this.GetPrimaryKeyString();

    private SessionState State => _state.State;

    private bool IsLive => State.Created && State.Status != SessionStatus.Ended;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!IsLive)
        {
            return;
        }

        // A live session that activates again lost its container with the previous activation.
        _stateResetPending = true;
        if (IdleFor() >= State.IdleTimeout)
        {
            await EndAsync("idle", cancellationToken);
            return;
        }

        StartIdleTimer();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _idleTimer?.Dispose();
        await _lifetime.CancelAsync();
        await ReleaseSandboxAsync();
        if (_dirty && State.Created)
        {
            await WriteStateQuietlyAsync();
        }

        LogDeactivated(SandboxId, reason.ReasonCode.ToString());
    }

    public async Task<SessionResult<SessionDescription>> CreateAsync(
        CallerIdentity caller, SessionCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (State.Created)
        {
            return SessionResult<SessionDescription>.Fail(SessionFaultCode.AlreadyExists, $"Sandbox {SandboxId} already exists.");
        }

        var idleTimeout = request.IdleTimeout ?? _options.IdleTimeout;
        if (idleTimeout < TimeSpan.FromSeconds(1) || idleTimeout > _options.MaxIdleTimeout)
        {
            return SessionResult<SessionDescription>.Fail(
                SessionFaultCode.InvalidArgument,
                $"Invalid timeout {idleTimeout.TotalSeconds:0.###} s; give an idle timeout from 1 to {_options.MaxIdleTimeout.TotalSeconds:0} seconds, " +
                "or leave it out for the default.");
        }

        var now = _time.GetUtcNow();
        State.Tenant = caller.Tenant;
        State.CreatedAt = now;
        State.LastUsedAt = now;
        State.IdleTimeout = idleTimeout;
        State.Status = SessionStatus.Active;
        State.Silo = _siloName;
        State.Created = true;
        var fault = await StartSandboxAsync(cancellationToken);
        if (fault is not null)
        {
            _state.State = new SessionState();
            DeactivateOnIdle();
            return new SessionResult<SessionDescription> { Fault = fault };
        }

        await _state.WriteStateAsync(cancellationToken);
        await GrainFactory.GetGrain<ITenantSessionsGrain>(caller.Tenant).AddAsync(SandboxId, now);
        _stateResetPending = false;
        StartIdleTimer();
        LogCreated(SandboxId, caller.Tenant, State.ContainerId);
        return SessionResult<SessionDescription>.Ok(Describe());
    }

    public async Task<SessionResult<ExecutionOutcome>> ExecuteAsync(
        CallerIdentity caller, ExecuteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!Owns(caller))
        {
            return NotFound<ExecutionOutcome>();
        }

        var timeout = request.Timeout ?? _options.DefaultExecutionTimeout;
        if (CheckTimeout(timeout) is { } timeoutFault)
        {
            return new SessionResult<ExecutionOutcome> { Fault = timeoutFault };
        }

        if (_validator.Validate(request.Code) is { } finding)
        {
            State.RejectedCount++;
            _dirty = true;
            LogRejected(SandboxId, State.Tenant, finding.Rule);
            return SessionResult<ExecutionOutcome>.Fail(SessionFaultCode.ValidationFailed, finding.Message, finding);
        }

        return await RunQueuedAsync(
            sandbox => sandbox.ExecuteAsync(new ExecutionRequest(request.Code, timeout), CreateCallHandler(), cancellationToken),
            timeout, "execute", cancellationToken);
    }

    public async Task<SessionResult<ExecutionOutcome>> InstallPackageAsync(
        CallerIdentity caller, InstallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!Owns(caller))
        {
            return NotFound<ExecutionOutcome>();
        }

        var install = _options.PackageInstall;
        if (!install.Enabled)
        {
            return SessionResult<ExecutionOutcome>.Fail(
                SessionFaultCode.Disabled,
                "Package installation is disabled on this server. An operator can enable it with ALLOW_PACKAGE_INSTALL=true, " +
                "a list of allowed packages (Sessions:PackageInstall:AllowedPackages) and a wheel directory (SANDBOX_WHEEL_DIR).");
        }

        if (PackageRequirement.Check(request.Requirement, install.AllowedPackages) is { } problem)
        {
            return SessionResult<ExecutionOutcome>.Fail(SessionFaultCode.InvalidArgument, problem);
        }

        var timeout = request.Timeout ?? _options.DefaultExecutionTimeout;
        if (CheckTimeout(timeout) is { } timeoutFault)
        {
            return new SessionResult<ExecutionOutcome> { Fault = timeoutFault };
        }

        return await RunQueuedAsync(
            sandbox => sandbox.InstallPackageAsync(request.Requirement.Trim(), timeout, cancellationToken),
            timeout, "install", cancellationToken);
    }

    public Task<SessionResult<SessionDescription>> DescribeAsync(CallerIdentity caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Task.FromResult(Owns(caller) ? SessionResult<SessionDescription>.Ok(Describe()) : NotFound<SessionDescription>());
    }

    public async Task<SessionResult<RemoveOutcome>> RemoveAsync(CallerIdentity caller, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Owns(caller))
        {
            return NotFound<RemoveOutcome>();
        }

        var idle = IdleFor();
        if (!force && (idle < State.IdleTimeout || _pending > 0))
        {
            return SessionResult<RemoveOutcome>.Fail(
                SessionFaultCode.InUse,
                $"Sandbox {SandboxId} was used {idle.TotalSeconds:0} s ago, within its idle timeout of {State.IdleTimeout.TotalSeconds:0} s, " +
                "so it was not removed. Call remove_sandbox again with force=true to remove it now.");
        }

        await EndAsync(caller.IsAdmin && caller.Tenant != State.Tenant ? "ended by an admin" : "removed", cancellationToken);
        return SessionResult<RemoveOutcome>.Ok(new RemoveOutcome($"Sandbox {SandboxId} was removed."));
    }

    private async Task<SessionResult<ExecutionOutcome>> RunQueuedAsync(
        Func<ISandbox, Task<ExecutionResult>> run, TimeSpan timeout, string kind, CancellationToken cancellationToken)
    {
        if (_pending > _options.QueueLimit)
        {
            return SessionResult<ExecutionOutcome>.Fail(
                SessionFaultCode.QueueFull,
                $"Sandbox {SandboxId} already has {_pending} executions running or waiting (queue limit {_options.QueueLimit}). " +
                "Wait for earlier calls to finish, or use another sandbox for parallel work.");
        }

        _pending++;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            await _executionGate.WaitAsync(linked.Token);
            try
            {
                if (!IsLive)
                {
                    return NotFound<ExecutionOutcome>();
                }

                Touch();
                var startFault = await EnsureSandboxAsync(linked.Token);
                if (startFault is not null)
                {
                    return new SessionResult<ExecutionOutcome> { Fault = startFault };
                }

                var stateReset = _stateResetPending;
                _stateResetPending = false;
                var result = await run(_sandbox!);
                State.ExecutionCount++;
                if (result.TimedOut)
                {
                    State.TimeoutCount++;
                }

                State.ContainerId = _sandbox!.ContainerId;
                Touch();
                LogExecuted(SandboxId, State.Tenant, kind, result.ExitCode, result.Duration.TotalMilliseconds);
                return SessionResult<ExecutionOutcome>.Ok(ToOutcome(result, stateReset));
            }
            finally
            {
                _executionGate.Release();
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return SessionResult<ExecutionOutcome>.Fail(
                SessionFaultCode.NotFound, $"Sandbox {SandboxId} was removed while this call was running or waiting.");
        }
        finally
        {
            _pending--;
        }
    }

    private async Task<SessionFault?> EnsureSandboxAsync(CancellationToken cancellationToken)
    {
        if (_sandbox is not null)
        {
            return null;
        }

        var fault = await StartSandboxAsync(cancellationToken);
        if (fault is null)
        {
            State.Silo = _siloName;
            _dirty = true;
            LogContainerReplaced(SandboxId, State.ContainerId);
        }

        return fault;
    }

    private Task<SessionFault?> StartSandboxAsync(CancellationToken cancellationToken) =>
        _starting ??= StartSandboxCoreAsync(cancellationToken);

    private async Task<SessionFault?> StartSandboxCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_holdsSlot)
            {
                if (!_capacity.TryReserve())
                {
                    return new SessionFault(
                        SessionFaultCode.CapacityReached,
                        $"This silo already holds its maximum of {_capacity.Capacity} sandboxes (MAX_SANDBOXES). " +
                        "Remove a sandbox you no longer need with remove_sandbox, or try again later.");
                }

                _holdsSlot = true;
            }

            try
            {
                _sandbox = await _runtime.CreateAsync(SandboxId, cancellationToken);
                State.ContainerId = _sandbox.ContainerId;
                return null;
            }
            catch (Exception exception) when (exception is SandboxImageNotFoundException or SandboxStartException)
            {
                LogStartFailed(SandboxId, exception);
                ReleaseSlot();
                return new SessionFault(SessionFaultCode.SandboxUnavailable, exception.Message);
            }
        }
        finally
        {
            _starting = null;
        }
    }

    private async Task EndAsync(string reason, CancellationToken cancellationToken)
    {
        if (State.Status == SessionStatus.Ended)
        {
            return;
        }

        State.Status = SessionStatus.Ended;
        State.EndReason = reason;
        _idleTimer?.Dispose();
        _idleTimer = null;
        await _lifetime.CancelAsync();
        await ReleaseSandboxAsync();
        await _state.WriteStateAsync(cancellationToken);
        _dirty = false;
        await GrainFactory.GetGrain<ITenantSessionsGrain>(State.Tenant).EndAsync(SandboxId, _time.GetUtcNow());
        LogEnded(SandboxId, State.Tenant, reason, State.ExecutionCount);
        DeactivateOnIdle();
    }

    private async Task ReleaseSandboxAsync()
    {
        if (_starting is { } starting)
        {
            await starting;
        }

        var sandbox = _sandbox;
        _sandbox = null;
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }

        ReleaseSlot();
    }

    private void ReleaseSlot()
    {
        if (_holdsSlot)
        {
            _holdsSlot = false;
            _capacity.Release();
        }
    }

    private void StartIdleTimer()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(State.IdleTimeout.Ticks / 10, TimeSpan.TicksPerSecond / 2, TimeSpan.TicksPerSecond * 15));
        _idleTimer ??= this.RegisterGrainTimer(
            static (grain, cancellationToken) => grain.CheckIdleAsync(cancellationToken),
            this,
            new GrainTimerCreationOptions { DueTime = period, Period = period, Interleave = true, KeepAlive = true });
    }

    private async Task CheckIdleAsync(CancellationToken cancellationToken)
    {
        if (!IsLive)
        {
            return;
        }

        if (_pending == 0 && IdleFor() >= State.IdleTimeout)
        {
            await EndAsync("idle", cancellationToken);
            return;
        }

        // Executions update the times in memory only; they reach storage here, not on the hot path.
        if (_dirty)
        {
            await WriteStateQuietlyAsync();
        }
    }

    private async Task WriteStateQuietlyAsync()
    {
        try
        {
            await _state.WriteStateAsync();
            _dirty = false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStateWriteFailed(SandboxId, exception);
        }
    }

    private IHostCallHandler? CreateCallHandler()
    {
        var handlers = _callHandlers.Select(factory => factory.Create(SandboxId, State.Tenant)).ToList();
        return handlers.Count switch
        {
            0 => null,
            1 => handlers[0],
            _ => new CompositeCallHandler(handlers),
        };
    }

    private SessionFault? CheckTimeout(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero || timeout > _options.MaxExecutionTimeout
            ? new SessionFault(
                SessionFaultCode.InvalidArgument,
                $"Invalid timeout {timeout.TotalSeconds:0.###} s; give an execution timeout from 1 to {_options.MaxExecutionTimeout.TotalSeconds:0} seconds.")
            : null;

    private bool Owns(CallerIdentity caller) => IsLive && (caller.IsAdmin || string.Equals(caller.Tenant, State.Tenant, StringComparison.Ordinal));

    private SessionResult<T> NotFound<T>()
        where T : class =>
        SessionResult<T>.Fail(
            SessionFaultCode.NotFound,
            $"Sandbox {SandboxId} was not found. It may have ended after its idle timeout or been removed; " +
            "create a new one with create_sandbox and use the sandbox_id it returns.");

    private TimeSpan IdleFor() => _time.GetUtcNow() - State.LastUsedAt;

    private void Touch()
    {
        State.LastUsedAt = _time.GetUtcNow();
        _dirty = true;
    }

    private SessionDescription Describe() => new()
    {
        SandboxId = SandboxId,
        Tenant = State.Tenant,
        CreatedAt = State.CreatedAt,
        LastUsedAt = State.LastUsedAt,
        IdleTimeout = State.IdleTimeout,
        Status = CurrentStatus(),
        ContainerId = _sandbox?.ContainerId ?? "",
        Silo = _siloName,
        ExecutionCount = State.ExecutionCount,
        TimeoutCount = State.TimeoutCount,
        RejectedCount = State.RejectedCount,
        QueuedExecutions = Math.Max(0, _pending - 1),
    };

    private SessionStatus CurrentStatus()
    {
        if (State.Status == SessionStatus.Ended)
        {
            return SessionStatus.Ended;
        }

        return _pending > 0 ? SessionStatus.Busy : SessionStatus.Active;
    }

    private static ExecutionOutcome ToOutcome(ExecutionResult result, bool stateReset) => new()
    {
        Stdout = result.Stdout,
        Stderr = result.Stderr,
        ExitCode = result.ExitCode,
        Error = result.Error is { } error ? new ExecutionErrorInfo(error.Type, error.Message, error.Traceback) : null,
        TimedOut = result.TimedOut,
        OutputTruncated = result.OutputTruncated,
        StateReset = result.StateReset || stateReset,
        DurationMs = result.Duration.TotalMilliseconds,
        Rejection = result.Rejection is { } rejection
            ? new ValidationFinding(rejection.Rule, rejection.Name, rejection.Line, rejection.Column, rejection.Message)
            : null,
    };

    [LoggerMessage(2000, LogLevel.Information, "Created sandbox {SandboxId} for tenant {Tenant} in container {ContainerId}")]
    private partial void LogCreated(string sandboxId, string tenant, string containerId);

    [LoggerMessage(2001, LogLevel.Debug, "Sandbox {SandboxId} of tenant {Tenant} ran {Kind}: exit {ExitCode} in {DurationMs:0.0} ms")]
    private partial void LogExecuted(string sandboxId, string tenant, string kind, int exitCode, double durationMs);

    [LoggerMessage(2002, LogLevel.Information, "Rejected code in sandbox {SandboxId} of tenant {Tenant}: {Rule}")]
    private partial void LogRejected(string sandboxId, string tenant, string rule);

    [LoggerMessage(2003, LogLevel.Information, "Ended sandbox {SandboxId} of tenant {Tenant} ({Reason}) after {ExecutionCount} executions")]
    private partial void LogEnded(string sandboxId, string tenant, string reason, long executionCount);

    [LoggerMessage(2004, LogLevel.Warning, "Could not start a container for sandbox {SandboxId}")]
    private partial void LogStartFailed(string sandboxId, Exception exception);

    [LoggerMessage(2005, LogLevel.Information, "Sandbox {SandboxId} got a fresh container {ContainerId}; its interpreter state was reset")]
    private partial void LogContainerReplaced(string sandboxId, string containerId);

    [LoggerMessage(2006, LogLevel.Warning, "Could not write the state of sandbox {SandboxId}")]
    private partial void LogStateWriteFailed(string sandboxId, Exception exception);

    [LoggerMessage(2007, LogLevel.Debug, "Deactivated sandbox {SandboxId} ({Reason})")]
    private partial void LogDeactivated(string sandboxId, string reason);
}
