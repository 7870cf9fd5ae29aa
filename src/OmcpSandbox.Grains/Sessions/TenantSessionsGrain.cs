using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Sessions;
using Orleans.Runtime;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>The list of one tenant's sessions, with ended ones kept for <see cref="SessionOptions.InactiveRetention"/>.</summary>
public sealed class TenantSessionsGrain(
    [PersistentState("tenant", SessionStorage.Name)] IPersistentState<TenantSessionsState> state,
    IOptions<SessionOptions> options,
    TimeProvider time) : Grain, ITenantSessionsGrain
{
    private const int MaxEndedEntries = 1000;

    public async Task AddAsync(string sandboxId, DateTimeOffset createdAt)
    {
        state.State.Sessions[sandboxId] = new TenantSessionEntry(sandboxId, createdAt, null);
        Prune();
        await state.WriteStateAsync();
    }

    public async Task EndAsync(string sandboxId, DateTimeOffset endedAt)
    {
        if (state.State.Sessions.TryGetValue(sandboxId, out var entry))
        {
            state.State.Sessions[sandboxId] = entry with { EndedAt = endedAt };
            Prune();
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<TenantSessionEntry>> ListAsync(bool includeInactive)
    {
        IReadOnlyList<TenantSessionEntry> entries =
        [
            .. state.State.Sessions.Values
                .Where(entry => includeInactive || entry.EndedAt is null)
                .OrderBy(entry => entry.CreatedAt),
        ];
        return Task.FromResult(entries);
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - options.Value.InactiveRetention;
        var ended = state.State.Sessions.Values.Where(entry => entry.EndedAt is not null).OrderByDescending(entry => entry.EndedAt).ToList();
        foreach (var entry in ended.Where((entry, index) => entry.EndedAt < cutoff || index >= MaxEndedEntries))
        {
            state.State.Sessions.Remove(entry.SandboxId);
        }
    }
}

/// <summary>The persisted list of a tenant's sessions.</summary>
[GenerateSerializer, Alias("omcp.TenantSessionsState")]
public sealed class TenantSessionsState
{
    [Id(0)] public Dictionary<string, TenantSessionEntry> Sessions { get; set; } = new(StringComparer.Ordinal);
}
