using ModelContextProtocol;
using OmcpSandbox.Contracts.Placement;
using OmcpSandbox.Contracts.Sessions;

namespace OmcpSandbox.Frontend;

/// <summary>
/// Turns failures to reach the cluster into MCP errors with a message a caller can act on, and logs them.
/// </summary>
public sealed partial class ClusterCallGuard(ILogger<ClusterCallGuard> logger)
{
    /// <summary>
    /// Runs a session call; a placement rejection because every silo is full becomes a capacity fault and an
    /// unreachable cluster a <see cref="SessionFaultCode.ClusterUnavailable"/> fault, so the tool returns them
    /// as results with structured content like any other failure.
    /// </summary>
    public async Task<SessionResult<T>> CallSessionAsync<T>(Func<Task<SessionResult<T>>> call)
        where T : class
    {
        try
        {
            return await CallAsync(call);
        }
        catch (McpException exception) when (exception.InnerException is SandboxCapacityExceededException capacity)
        {
            return SessionResult<T>.Fail(SessionFaultCode.CapacityReached, capacity.Message);
        }
        catch (McpException exception)
        {
            return SessionResult<T>.Fail(SessionFaultCode.ClusterUnavailable, exception.Message);
        }
    }

    /// <summary>Runs a grain call; cluster failures become an <see cref="McpException"/> whose message is returned to the client.</summary>
    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (SandboxCapacityExceededException exception)
        {
            throw new McpException(exception.Message, exception);
        }
        catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                                          or OrleansException)
        {
            LogClusterCallFailed(exception.GetType().Name, exception);
            throw new McpException(
                $"The sandbox cluster could not be reached ({exception.GetType().Name}). Try again in a few seconds; " +
                "if it persists, the operator should check that the silos are running.",
                exception);
        }
    }

    [LoggerMessage(3000, LogLevel.Warning, "A call to the cluster failed with {ExceptionType}")]
    private partial void LogClusterCallFailed(string exceptionType, Exception exception);
}
