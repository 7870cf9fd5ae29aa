using Microsoft.Extensions.Logging;
using OmcpSandbox.Contracts.Placement;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OmcpSandbox.Placement;

/// <summary>
/// Picks the compatible silo with the lowest ratio of load to capacity from <see cref="SiloLoadCache"/>, where
/// load is the last reported live containers plus this director's placements since. Full silos are skipped, ties
/// are broken at random so directors on different silos do not all pick the same one, and when every compatible
/// silo is full it throws <see cref="SandboxCapacityExceededException"/>.
/// </summary>
public sealed class ContainerLoadPlacementDirector : IPlacementDirector
{
    private readonly SiloLoadCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ContainerLoadPlacementDirector> _logger;

    /// <summary>Creates a director that reads <paramref name="cache"/>.</summary>
    public ContainerLoadPlacementDirector(SiloLoadCache cache, TimeProvider timeProvider, ILogger<ContainerLoadPlacementDirector> logger)
    {
        _cache = cache;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(PickSilo(context.GetCompatibleSilos(target)));
    }

    /// <summary>Picks a silo from <paramref name="compatibleSilos"/> and counts the placement there.</summary>
    /// <exception cref="SandboxCapacityExceededException">Every compatible silo with a report is full.</exception>
    public SiloAddress PickSilo(SiloAddress[] compatibleSilos)
    {
        ArgumentNullException.ThrowIfNull(compatibleSilos);
        SiloLoadEntry? bestEntry = null;
        SiloAddress? best = null;
        var bestLoad = 0;
        var bestCapacity = 1;
        var ties = 0;
        var reported = 0;

        foreach (var silo in compatibleSilos)
        {
            if (!_cache.TryGetEntry(silo, out var entry))
            {
                continue;
            }

            reported++;
            var (load, capacity) = entry.Read();
            if (load >= capacity)
            {
                continue;
            }

            // load / capacity < bestLoad / bestCapacity, compared without division or rounding.
            var comparison = best is null ? -1 : ((long)load * bestCapacity).CompareTo((long)bestLoad * capacity);
            if (comparison < 0)
            {
                (best, bestEntry, bestLoad, bestCapacity, ties) = (silo, entry, load, capacity, 1);
            }
            else if (comparison == 0 && Random.Shared.Next(++ties) == 0)
            {
                (best, bestEntry, bestLoad, bestCapacity) = (silo, entry, load, capacity);
            }
        }

        if (best is null || bestEntry is null)
        {
            return PickWithoutCapacity(compatibleSilos, reported);
        }

        bestEntry.AddPlacement(_timeProvider.GetUtcNow().UtcTicks);
        return best;
    }

    private SiloAddress PickWithoutCapacity(SiloAddress[] compatibleSilos, int reported)
    {
        if (reported == 0 && compatibleSilos.Length > 0)
        {
            // NOTE: no compatible silo has reported yet because the cluster is starting, so the choice is random.
            // Only the activation's own capacity check limits these placements.
            PlacementLog.NoLoadReports(_logger, compatibleSilos.Length);
            return compatibleSilos[Random.Shared.Next(compatibleSilos.Length)];
        }

        var capacities = new List<int>(compatibleSilos.Length);
        foreach (var silo in compatibleSilos)
        {
            if (_cache.TryGetEntry(silo, out var entry))
            {
                capacities.Add(entry.Capacity);
            }
        }

        PlacementLog.AllSilosFull(_logger, capacities.Count);
        throw new SandboxCapacityExceededException(capacities.Count, capacities);
    }
}
