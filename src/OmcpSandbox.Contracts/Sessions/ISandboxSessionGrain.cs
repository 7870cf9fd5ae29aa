namespace OmcpSandbox.Contracts.Sessions;

/// <summary>
/// A sandbox session, keyed by its unguessable sandbox id. One activation owns one container on its silo.
/// Every method checks that the caller's tenant owns the session; another tenant's session is reported as not found.
/// </summary>
[Alias("omcp.ISandboxSessionGrain")]
public interface ISandboxSessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session's container and records the caller's tenant as its owner.</summary>
    [Alias("create")]
    Task<SessionResult<SessionDescription>> CreateAsync(CallerIdentity caller, SessionCreateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Runs code after the queue of earlier executions; rejects it when the queue is full.</summary>
    [Alias("execute")]
    Task<SessionResult<ExecutionOutcome>> ExecuteAsync(CallerIdentity caller, ExecuteRequest request, CancellationToken cancellationToken = default);

    /// <summary>Installs one allowed, pinned package from the local wheel directory.</summary>
    [Alias("install")]
    Task<SessionResult<ExecutionOutcome>> InstallPackageAsync(CallerIdentity caller, InstallRequest request, CancellationToken cancellationToken = default);

    /// <summary>Describes the session.</summary>
    [Alias("describe")]
    Task<SessionResult<SessionDescription>> DescribeAsync(CallerIdentity caller, CancellationToken cancellationToken = default);

    /// <summary>Ends the session and removes its container; without <paramref name="force"/> a recently used session is kept.</summary>
    [Alias("remove")]
    Task<SessionResult<RemoveOutcome>> RemoveAsync(CallerIdentity caller, bool force, CancellationToken cancellationToken = default);
}
