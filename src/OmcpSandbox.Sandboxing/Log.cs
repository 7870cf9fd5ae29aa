using Microsoft.Extensions.Logging;

namespace OmcpSandbox.Sandboxing;

/// <summary>Log messages of the sandbox runtime, event ids 1000 to 1099. They carry ids and figures, never code or output.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Debug, "Started container {ContainerId} for sandbox {SandboxId} in {ElapsedMs:0} ms")]
    public static partial void ContainerStarted(ILogger logger, string containerId, string sandboxId, double elapsedMs);

    [LoggerMessage(1001, LogLevel.Debug, "Removed container {ContainerId}")]
    public static partial void ContainerRemoved(ILogger logger, string containerId);

    [LoggerMessage(1002, LogLevel.Warning, "Could not remove container {ContainerId}")]
    public static partial void ContainerRemoveFailed(ILogger logger, string containerId, Exception exception);

    [LoggerMessage(1003, LogLevel.Information, "Execution in container {ContainerId} timed out after {TimeoutSeconds} s; the container was killed")]
    public static partial void ExecutionTimedOut(ILogger logger, string containerId, double timeoutSeconds);

    [LoggerMessage(1004, LogLevel.Warning, "Container {ContainerId} stopped during an execution (exit {ExitCode}, {Reason})")]
    public static partial void ContainerCrashed(ILogger logger, string containerId, int exitCode, string reason);

    [LoggerMessage(1005, LogLevel.Information, "Replacing the container of sandbox {SandboxId}")]
    public static partial void ReplacingContainer(ILogger logger, string sandboxId);

    [LoggerMessage(1006, LogLevel.Information, "Removed orphaned container {ContainerId} of sandbox {SandboxId} from silo {Silo}")]
    public static partial void OrphanRemoved(ILogger logger, string containerId, string sandboxId, string silo);
}
