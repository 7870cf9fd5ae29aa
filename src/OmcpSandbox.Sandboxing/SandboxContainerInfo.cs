namespace OmcpSandbox.Sandboxing;

/// <summary>A sandbox container found on the engine, described by its labels.</summary>
/// <param name="ContainerId">The Docker container id.</param>
/// <param name="SandboxId">The <c>omcp.sandbox-id</c> label.</param>
/// <param name="ClusterId">The <c>omcp.cluster-id</c> label.</param>
/// <param name="Silo">The <c>omcp.silo</c> label: the silo that created it.</param>
/// <param name="CreatedAt">The <c>omcp.created-at</c> label, or the engine's creation time when the label is unreadable.</param>
/// <param name="State">The engine's state, such as <c>running</c> or <c>exited</c>.</param>
public sealed record SandboxContainerInfo(
    string ContainerId, string SandboxId, string ClusterId, string Silo, DateTimeOffset CreatedAt, string State);
