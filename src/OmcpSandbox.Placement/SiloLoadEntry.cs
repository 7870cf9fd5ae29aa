namespace OmcpSandbox.Placement;

/// <summary>
/// One silo's last known load plus the placements this silo's director sent there that the report may not
/// include yet. It is thread-safe, and its lock covers only a few field reads and writes.
/// </summary>
internal sealed class SiloLoadEntry(long settleTicks)
{
    private readonly Lock _lock = new();
    private readonly Queue<long> _pendingPlacements = new();
    private int _liveContainers;
    private int _capacity;
    private long _publishedAtTicks = long.MinValue;

    public int Capacity
    {
        get
        {
            lock (_lock)
            {
                return _capacity;
            }
        }
    }

    /// <summary>Replaces the report unless <paramref name="publishedAtTicks"/> is older than the one stored.</summary>
    public void Update(int liveContainers, int capacity, long publishedAtTicks)
    {
        lock (_lock)
        {
            if (publishedAtTicks < _publishedAtTicks)
            {
                return;
            }

            var increase = liveContainers - _liveContainers;
            _liveContainers = liveContainers;
            _capacity = capacity;
            _publishedAtTicks = publishedAtTicks;
            DropPlacementsShownBy(increase);
            DropSettledPlacements();
        }
    }

    /// <summary>Returns the reported live containers plus the pending placements, and the capacity.</summary>
    public (int Load, int Capacity) Read()
    {
        lock (_lock)
        {
            return (_liveContainers + _pendingPlacements.Count, _capacity);
        }
    }

    /// <summary>Counts a placement decided at <paramref name="nowTicks"/> until a report settles it.</summary>
    public void AddPlacement(long nowTicks)
    {
        lock (_lock)
        {
            _pendingPlacements.Enqueue(nowTicks);
        }
    }

    // A rise in the reported count is taken to be this director's oldest placements arriving, so they are not
    // counted twice. A rise caused by another silo's director drops them early instead, which undercounts by at
    // most the placements still in flight.
    private void DropPlacementsShownBy(int increase)
    {
        for (var i = 0; i < increase && _pendingPlacements.Count > 0; i++)
        {
            _pendingPlacements.Dequeue();
        }
    }

    // A report read more than the settle time after a placement is taken to include that placement's activation.
    private void DropSettledPlacements()
    {
        var settledBefore = _publishedAtTicks - settleTicks;
        while (_pendingPlacements.TryPeek(out var placedAt) && placedAt <= settledBefore)
        {
            _pendingPlacements.Dequeue();
        }
    }
}
