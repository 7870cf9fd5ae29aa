using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OmcpSandbox.Contracts.Placement;
using Orleans.Runtime;

namespace OmcpSandbox.Placement;

/// <summary>
/// This silo's view of every silo's container load, filled by <see cref="ContainerLoadPublisher"/> and read by
/// <see cref="ContainerLoadPlacementDirector"/> without any remote call.
/// </summary>
public sealed class SiloLoadCache
{
    private readonly ConcurrentDictionary<SiloAddress, SiloLoadEntry> _entries = new();
    private readonly long _settleTicks;

    /// <summary>Creates an empty cache.</summary>
    public SiloLoadCache(IOptions<ContainerLoadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settleTicks = options.Value.SettleTime.Ticks;
    }

    /// <summary>Gets the number of silos with a report.</summary>
    public int Count => _entries.Count;

    /// <summary>Stores <paramref name="report"/> unless a newer one of the same silo is already stored.</summary>
    public void Update(SiloLoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        GetOrAdd(report.Silo).Update(report.LiveContainers, report.Capacity, report.PublishedAt.Ticks);
    }

    /// <summary>Removes every silo except <paramref name="keep"/> and the silos in <paramref name="reported"/>.</summary>
    public void RemoveAllExcept(SiloAddress keep, IReadOnlyCollection<SiloLoadReport> reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var current = reported.Select(report => report.Silo).Append(keep).ToHashSet();
        foreach (var silo in _entries.Keys)
        {
            if (!current.Contains(silo))
            {
                _entries.TryRemove(silo, out _);
            }
        }
    }

    /// <summary>
    /// Gets the load of <paramref name="silo"/>: its reported live containers plus this silo's placements there
    /// that the report does not include yet, and its capacity. Returns false when the silo has not reported.
    /// </summary>
    public bool TryGetLoad(SiloAddress silo, out int load, out int capacity)
    {
        if (_entries.TryGetValue(silo, out var entry))
        {
            (load, capacity) = entry.Read();
            return true;
        }

        load = 0;
        capacity = 0;
        return false;
    }

    internal bool TryGetEntry(SiloAddress silo, out SiloLoadEntry entry) => _entries.TryGetValue(silo, out entry!);

    private SiloLoadEntry GetOrAdd(SiloAddress silo) => _entries.GetOrAdd(silo, static (_, ticks) => new SiloLoadEntry(ticks), _settleTicks);
}
