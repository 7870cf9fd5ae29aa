using Microsoft.Extensions.Logging;

namespace OmcpSandbox.Clustering;

// Event ids 5000 to 5019 belong to clustering and grain storage.
internal static partial class ClusteringLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Applying the PostgreSQL schema for cluster {ClusterId} on database {Database} at {Host}")]
    public static partial void ApplyingSchema(ILogger logger, string clusterId, string? database, string? host);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "PostgreSQL schema is ready after {ElapsedMilliseconds} ms")]
    public static partial void SchemaReady(ILogger logger, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Applying the PostgreSQL schema failed on attempt {Attempt}; retrying in {DelayMilliseconds} ms")]
    public static partial void SchemaRetry(ILogger logger, Exception exception, int attempt, int delayMilliseconds);
}
