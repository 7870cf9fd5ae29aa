namespace OmcpSandbox.Placement;

/// <summary>
/// The hosting silo's own container numbers, which <see cref="ContainerLoadPlacementDirector"/> publishes to the
/// other silos. The host registers one implementation in DI; the session grains' capacity tracker is that
/// implementation in the service.
/// </summary>
public interface ILocalContainerLoad
{
    /// <summary>
    /// Gets the number of containers on this silo, counting those still being created, so that a placement is
    /// reflected as soon as its activation starts and not only once its container runs.
    /// </summary>
    int LiveContainers { get; }

    /// <summary>Gets the maximum number of containers this silo accepts.</summary>
    int Capacity { get; }

    /// <summary>Raised after <see cref="LiveContainers"/> or <see cref="Capacity"/> changes; may be raised on any thread.</summary>
    event Action? Changed;
}
