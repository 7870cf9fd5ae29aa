using Orleans;
using Orleans.Runtime;

namespace OmcpSandbox.Contracts.Admin;

/// <summary>
/// Read-only access to the container load table that placement keeps on every silo, for clients that cannot
/// reference the placement library. Any key works, and an activation runs on whichever silo receives the call.
/// </summary>
[Alias("omcp.IClusterLoadGrain")]
public interface IClusterLoadGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the load that the receiving silo's placement director uses for each of <paramref name="silos"/>.</summary>
    [Alias("get-loads")]
    Task<IReadOnlyList<SiloContainerLoad>> GetLoadsAsync(IReadOnlyList<SiloAddress> silos);
}

/// <summary>A silo's container load as placement counts it.</summary>
/// <param name="Silo">The silo the numbers belong to.</param>
/// <param name="Reported">Whether the silo has a current load report. When false, the other values are 0.</param>
/// <param name="Containers">
/// Live and starting containers from the silo's last report, plus placements sent there that the report does not
/// include yet.
/// </param>
/// <param name="Capacity">The maximum number of containers the silo accepts (<c>MAX_SANDBOXES</c>).</param>
[GenerateSerializer, Immutable, Alias("omcp.SiloContainerLoad")]
public sealed record SiloContainerLoad(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] bool Reported,
    [property: Id(2)] int Containers,
    [property: Id(3)] int Capacity);
