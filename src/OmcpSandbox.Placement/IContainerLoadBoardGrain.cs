using System.Collections.Immutable;
using OmcpSandbox.Contracts.Placement;
using Orleans;

namespace OmcpSandbox.Placement;

/// <summary>
/// The cluster's table of silo load reports. Every silo reports to the one board (key 0) and gets the whole
/// table back, so each silo learns the others' load at its own reporting rate without a call per decision.
/// </summary>
[Alias("OmcpSandbox.Placement.IContainerLoadBoardGrain")]
public interface IContainerLoadBoardGrain : IGrainWithIntegerKey
{
    /// <summary>Stores <paramref name="report"/> and returns the latest report of every silo that is still reporting.</summary>
    [Alias("Report")]
    Task<ImmutableArray<SiloLoadReport>> ReportAsync(SiloLoadReport report);
}
