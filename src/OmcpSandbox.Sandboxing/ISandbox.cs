namespace OmcpSandbox.Sandboxing;

/// <summary>
/// One sandbox session: a hardened container with a persistent interpreter, replaced by a fresh one when
/// its state can no longer be trusted. Disposing it removes the container.
/// </summary>
public interface ISandbox : IAsyncDisposable
{
    /// <summary>Gets the session id written into the container's labels.</summary>
    string SandboxId { get; }

    /// <summary>Gets the id of the current container.</summary>
    string ContainerId { get; }

    /// <summary>Runs code in the persistent interpreter. Calls are serialised.</summary>
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IHostCallHandler? callHandler = null, CancellationToken cancellationToken = default);

    /// <summary>Installs one pinned requirement from the wheel directory into the session workspace.</summary>
    Task<ExecutionResult> InstallPackageAsync(string requirement, TimeSpan timeout, CancellationToken cancellationToken = default);
}
