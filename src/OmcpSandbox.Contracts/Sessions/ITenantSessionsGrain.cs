namespace OmcpSandbox.Contracts.Sessions;

/// <summary>The sessions of one tenant, keyed by tenant name, so a tenant can list its own sandboxes.</summary>
[Alias("omcp.ITenantSessionsGrain")]
public interface ITenantSessionsGrain : IGrainWithStringKey
{
    /// <summary>Records a new session.</summary>
    [Alias("add")]
    Task AddAsync(string sandboxId, DateTimeOffset createdAt);

    /// <summary>Records that a session ended; it stays listed as inactive for a while.</summary>
    [Alias("end")]
    Task EndAsync(string sandboxId, DateTimeOffset endedAt);

    /// <summary>Lists the tenant's sessions, with recently ended ones when <paramref name="includeInactive"/> is set.</summary>
    [Alias("list")]
    Task<IReadOnlyList<TenantSessionEntry>> ListAsync(bool includeInactive);
}

/// <summary>One session in a tenant's list.</summary>
[GenerateSerializer, Immutable, Alias("omcp.TenantSessionEntry")]
public sealed record TenantSessionEntry(
    [property: Id(0)] string SandboxId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset? EndedAt);
