using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OmcpSandbox.Placement;

// Event ids 5020 to 5039 belong to container-load placement.
internal static partial class PlacementLog
{
    [LoggerMessage(EventId = 5020, Level = LogLevel.Information,
        Message = "Publishing the container load of silo {Silo} every {IntervalMilliseconds} ms and on every change")]
    public static partial void PublisherStarted(ILogger logger, SiloAddress silo, int intervalMilliseconds);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Stopped publishing the container load of silo {Silo}")]
    public static partial void PublisherStopped(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning,
        Message = "Publishing the container load of silo {Silo} failed {FailureCount} times in a row; other silos see its last report")]
    public static partial void PublishFailed(ILogger logger, Exception exception, SiloAddress silo, int failureCount);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning,
        Message = "All {SiloCount} silos are at their sandbox capacity; rejecting the activation")]
    public static partial void AllSilosFull(ILogger logger, int siloCount);

    [LoggerMessage(EventId = 5024, Level = LogLevel.Warning,
        Message = "None of the {SiloCount} compatible silos has reported its container load yet; placing at random")]
    public static partial void NoLoadReports(ILogger logger, int siloCount);
}
