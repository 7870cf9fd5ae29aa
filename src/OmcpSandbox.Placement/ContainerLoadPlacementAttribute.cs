using Orleans.Placement;

namespace OmcpSandbox.Placement;

/// <summary>Places activations of the marked grain class with <see cref="ContainerLoadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ContainerLoadPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public ContainerLoadPlacementAttribute()
        : base(ContainerLoadPlacement.Instance)
    {
    }
}
