using Microsoft.Extensions.Options;
using OmcpSandbox.Placement;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>
/// Counts the sessions on this silo that hold or are starting a container, so a burst of parallel creations
/// cannot pass <see cref="SessionOptions.MaxSandboxes"/>.
/// </summary>
public sealed class SiloSandboxCapacity(IOptions<SessionOptions> options) : ILocalContainerLoad
{
    private int _reserved;

    /// <summary>Raised after every change of <see cref="Reserved"/>.</summary>
    public event Action? Changed;

    /// <summary>Gets the number of live and starting sessions.</summary>
    public int Reserved => Volatile.Read(ref _reserved);

    /// <inheritdoc />
    public int LiveContainers => Reserved;

    /// <summary>Gets the maximum number of sessions this silo holds.</summary>
    public int Capacity => options.Value.MaxSandboxes;

    /// <summary>Takes one slot; returns false when the silo is full.</summary>
    public bool TryReserve()
    {
        while (true)
        {
            var current = Volatile.Read(ref _reserved);
            if (current >= Capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _reserved, current + 1, current) == current)
            {
                Changed?.Invoke();
                return true;
            }
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryReserve"/>.</summary>
    public void Release()
    {
        Interlocked.Decrement(ref _reserved);
        Changed?.Invoke();
    }
}
