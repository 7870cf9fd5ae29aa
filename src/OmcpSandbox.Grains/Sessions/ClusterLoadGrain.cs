using OmcpSandbox.Contracts.Admin;
using OmcpSandbox.Placement;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>
/// Reads the receiving silo's <see cref="SiloLoadCache"/>, which contains the load board's table, so the admin view
/// shows the counts placement decides by without a call to the board that would count as a load report.
/// </summary>
[StatelessWorker]
public sealed class ClusterLoadGrain(SiloLoadCache cache) : Grain, IClusterLoadGrain
{
    public Task<IReadOnlyList<SiloContainerLoad>> GetLoadsAsync(IReadOnlyList<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var loads = new List<SiloContainerLoad>(silos.Count);
        foreach (var silo in silos)
        {
            loads.Add(cache.TryGetLoad(silo, out var load, out var capacity)
                ? new SiloContainerLoad(silo, true, load, capacity)
                : new SiloContainerLoad(silo, false, 0, 0));
        }

        return Task.FromResult<IReadOnlyList<SiloContainerLoad>>(loads);
    }
}
