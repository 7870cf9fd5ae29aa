using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Sandboxing;
using Orleans.Runtime;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>
/// Removes, at start and then periodically, containers of this cluster that no live session owns: ones this
/// silo's earlier process left behind, and ones whose silo is no longer an active cluster member.
/// </summary>
public sealed partial class ContainerReaper(
    ISandboxRuntime runtime,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    ILogger<ContainerReaper> logger) : BackgroundService
{
    /// <summary>How often the reaper looks for orphans after the first pass at start.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await ReapOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogReapFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Removes the orphans present now and returns how many were removed.</summary>
    public async Task<int> ReapOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        var activeSilos = snapshot.Members.Values
            .Where(member => member.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created or SiloStatus.ShuttingDown)
            .Select(member => member.Name)
            .ToHashSet(StringComparer.Ordinal);

        // This silo's own containers that the runtime does not own are left from an earlier process with the same
        // name. Another silo's containers are live as long as that silo is an active member.
        var removed = await runtime.RemoveOrphansAsync(
            container => container.Silo != silo.Name && activeSilos.Contains(container.Silo),
            cancellationToken);
        if (removed.Count > 0)
        {
            LogReaped(removed.Count);
        }

        return removed.Count;
    }

    [LoggerMessage(2100, LogLevel.Information, "Removed {Count} orphaned sandbox containers")]
    private partial void LogReaped(int count);

    [LoggerMessage(2101, LogLevel.Warning, "Looking for orphaned sandbox containers failed; trying again later")]
    private partial void LogReapFailed(Exception exception);
}
