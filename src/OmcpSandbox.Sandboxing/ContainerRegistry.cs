using System.Collections.Concurrent;

namespace OmcpSandbox.Sandboxing;

/// <summary>
/// The containers this runtime has created and not yet removed, from the moment the engine returns their id, so a
/// container that is still starting is never taken for an orphan.
/// </summary>
internal sealed class ContainerRegistry
{
    private readonly ConcurrentDictionary<string, byte> _containers = new(StringComparer.Ordinal);

    public void Add(string containerId) => _containers.TryAdd(containerId, 0);

    public void Remove(string containerId) => _containers.TryRemove(containerId, out _);

    public bool Contains(string containerId) => _containers.ContainsKey(containerId);
}
