namespace OmcpSandbox.Contracts.Sessions;

/// <summary>The state of a sandbox session.</summary>
[GenerateSerializer, Immutable, Alias("omcp.SessionDescription")]
public sealed record SessionDescription
{
    [Id(0)] public required string SandboxId { get; init; }
    [Id(1)] public required string Tenant { get; init; }
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public DateTimeOffset LastUsedAt { get; init; }
    [Id(4)] public TimeSpan IdleTimeout { get; init; }
    [Id(5)] public SessionStatus Status { get; init; }
    [Id(6)] public string ContainerId { get; init; } = "";
    [Id(7)] public string Silo { get; init; } = "";
    [Id(8)] public long ExecutionCount { get; init; }
    [Id(9)] public long TimeoutCount { get; init; }
    [Id(10)] public long RejectedCount { get; init; }
    [Id(11)] public int QueuedExecutions { get; init; }
}

/// <summary>Where a session is in its life.</summary>
[GenerateSerializer, Alias("omcp.SessionStatus")]
public enum SessionStatus
{
    /// <summary>Live, with a container or about to get one.</summary>
    Active = 0,

    /// <summary>Running an execution now.</summary>
    Busy = 1,

    /// <summary>Ended by idle expiry, removal or an admin; its container is gone.</summary>
    Ended = 2,
}
