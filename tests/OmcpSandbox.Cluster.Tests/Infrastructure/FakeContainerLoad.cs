using OmcpSandbox.Placement;

namespace OmcpSandbox.Cluster.Tests.Infrastructure;

/// <summary>A silo's container count that test grains move up on activation and down on deactivation.</summary>
public sealed class FakeContainerLoad(int capacity) : ILocalContainerLoad
{
    private int _liveContainers;
    private int _maxObserved;

    public int LiveContainers => Volatile.Read(ref _liveContainers);

    public int Capacity => capacity;

    /// <summary>Gets the highest <see cref="LiveContainers"/> seen since the silo started.</summary>
    public int MaxObserved => Volatile.Read(ref _maxObserved);

    public event Action? Changed;

    public void Add(int count)
    {
        var now = Interlocked.Add(ref _liveContainers, count);
        int max;
        while (now > (max = Volatile.Read(ref _maxObserved)) && Interlocked.CompareExchange(ref _maxObserved, now, max) != max)
        {
        }

        Changed?.Invoke();
    }
}
