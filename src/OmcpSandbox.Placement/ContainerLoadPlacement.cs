using Orleans;
using Orleans.Runtime;

namespace OmcpSandbox.Placement;

/// <summary>
/// Placement strategy that puts a new activation on the compatible silo with the lowest ratio of live containers
/// to capacity, and never on a full one. Mark a grain class with <see cref="ContainerLoadPlacementAttribute"/> to use it.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("OmcpSandbox.Placement.ContainerLoadPlacement")]
public sealed class ContainerLoadPlacement : PlacementStrategy
{
    /// <summary>Gets the shared instance; the strategy has no settings of its own.</summary>
    public static ContainerLoadPlacement Instance { get; } = new();
}
