namespace OmcpSandbox.Sandboxing;

/// <summary>Creates sandboxes on the local Docker engine and finds the containers they left behind.</summary>
public interface ISandboxRuntime
{
    /// <summary>Gets the number of sandboxes this runtime has created and not yet disposed.</summary>
    int LiveSandboxes { get; }

    /// <summary>Creates and starts a sandbox container and waits until its interpreter is ready.</summary>
    /// <exception cref="SandboxImageNotFoundException">The configured image is not on the engine.</exception>
    Task<ISandbox> CreateAsync(string sandboxId, CancellationToken cancellationToken = default);

    /// <summary>Disposes every sandbox this runtime created, removing their containers; used when the silo stops.</summary>
    Task DisposeAllAsync();

    /// <summary>Lists every container labelled with this runtime's cluster id, on any silo.</summary>
    Task<IReadOnlyList<SandboxContainerInfo>> ListContainersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes containers of this cluster that this runtime does not own and <paramref name="isLive"/> does not claim.
    /// </summary>
    /// <returns>The containers removed.</returns>
    Task<IReadOnlyList<SandboxContainerInfo>> RemoveOrphansAsync(
        Func<SandboxContainerInfo, bool> isLive, CancellationToken cancellationToken = default);
}
