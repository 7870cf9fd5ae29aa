using Orleans;
using Orleans.Runtime;

namespace OmcpSandbox.Contracts.Placement;

/// <summary>A silo's sandbox load as it published it: live containers against its capacity.</summary>
/// <param name="Silo">Silo the numbers belong to.</param>
/// <param name="LiveContainers">Containers running or being created on the silo.</param>
/// <param name="Capacity">Maximum number of containers the silo accepts.</param>
/// <param name="PublishedAt">UTC time the silo read the numbers.</param>
[GenerateSerializer]
[Immutable]
[Alias("OmcpSandbox.Contracts.Placement.SiloLoadReport")]
public sealed record SiloLoadReport(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] int LiveContainers,
    [property: Id(2)] int Capacity,
    [property: Id(3)] DateTime PublishedAt);
