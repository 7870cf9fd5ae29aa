namespace OmcpSandbox.Frontend.Admin;

/// <summary>The body of <c>GET /admin/api/silos</c>.</summary>
public sealed record SiloListResponse(IReadOnlyList<SiloView> Silos);

/// <summary>One silo in the admin view.</summary>
/// <param name="Name">The silo name (<c>Silo:Name</c>), which session descriptions and container labels carry.</param>
/// <param name="Address">The Orleans silo address, <c>ip:port@generation</c>.</param>
/// <param name="Status">The membership status in lower case: <c>active</c>, <c>joining</c>, <c>shutting_down</c>, <c>dead</c>.</param>
/// <param name="Containers">The live and starting containers placement counts for the silo, or null without a load report.</param>
/// <param name="Capacity">The silo's maximum number of containers, or null without a load report.</param>
/// <param name="HostName">The machine the silo runs on.</param>
/// <param name="StartedAt">When the silo process started, UTC.</param>
/// <param name="LastHeartbeatAt">When the silo last wrote its heartbeat to the membership table, UTC.</param>
public sealed record SiloView(
    string Name,
    string Address,
    string Status,
    int? Containers,
    int? Capacity,
    string HostName,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt);

/// <summary>The body of <c>GET /admin/api/sessions</c>.</summary>
/// <param name="Sessions">The sessions that could be described, ordered by creation time.</param>
/// <param name="Unreachable">Ids of session activations whose describe call failed or timed out, with the reason.</param>
public sealed record SessionListResponse(IReadOnlyList<SessionView> Sessions, IReadOnlyList<UnreachableSession> Unreachable);

/// <summary>One live session in the admin view.</summary>
public sealed record SessionView(
    string SandboxId,
    string Tenant,
    string Silo,
    string SiloAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    double IdleTimeoutSeconds,
    long ExecutionCount,
    long TimeoutCount,
    long RejectedCount,
    int QueuedExecutions,
    string Status);

/// <summary>A session activation that the admin view found but could not describe.</summary>
public sealed record UnreachableSession(string SandboxId, string SiloAddress, string Error);

/// <summary>The body of a successful <c>DELETE /admin/api/sessions/{id}</c>.</summary>
public sealed record SessionEndedResponse(string SandboxId, string Message);

/// <summary>The body of every admin API error.</summary>
public sealed record AdminError(string Error, string Message);
