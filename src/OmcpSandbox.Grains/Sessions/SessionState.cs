using OmcpSandbox.Contracts.Sessions;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>The persisted metadata of a session; it outlives the activation and, with durable storage, the silo.</summary>
[GenerateSerializer, Alias("omcp.SessionState")]
public sealed class SessionState
{
    [Id(0)] public string Tenant { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public DateTimeOffset LastUsedAt { get; set; }
    [Id(3)] public TimeSpan IdleTimeout { get; set; }
    // The JSON grain storage serializer leaves out properties with default values, so a stored Active (0) is read
    // back as this initial value. Created, not Status, tells whether the session exists.
    [Id(4)] public SessionStatus Status { get; set; } = SessionStatus.Active;
    [Id(5)] public string ContainerId { get; set; } = "";
    [Id(6)] public string Silo { get; set; } = "";
    [Id(7)] public long ExecutionCount { get; set; }
    [Id(8)] public long TimeoutCount { get; set; }
    [Id(9)] public long RejectedCount { get; set; }
    [Id(10)] public bool Created { get; set; }
    [Id(11)] public string EndReason { get; set; } = "";
}
