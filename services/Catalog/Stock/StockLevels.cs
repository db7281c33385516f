namespace SpaceOfSport.Catalog.Stock;

/// <summary>
/// Units available per SKU, as inventory reports them, for the search index to read without locks. Each SKU gets a slot
/// (an array index) once; the index keeps each variant's slot, so asking whether a variant is in stock is one array
/// read. A SKU inventory has not reported has nothing available: the catalog never promises stock it hasn't seen.
/// </summary>
public sealed class StockLevels
{
    /// <summary>How many of the latest flips <see cref="FlippedSince"/> can name; older ones count as "maybe".</summary>
    public const int FlipLogLength = 4096;

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly int[] _flips = new int[FlipLogLength];
    private readonly Lock _writes = new();
    private long[] _available = new long[1024];
    private long[] _reportedAt = new long[1024];
    private long _version;

    /// <summary>Grows after each report that moved a SKU in or out of stock (answers only say in stock or not).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The SKU's slot, allocated (with nothing available) on first sight.</summary>
    public int SlotOf(string sku)
    {
        lock (_writes) return SlotOfLocked(sku);
    }

    /// <summary>Records a report unless a newer one for the SKU is already known; true when it was applied.</summary>
    public bool Set(string sku, long available, long reportedAtTicks)
    {
        lock (_writes)
        {
            var slot = SlotOfLocked(sku);
            if (_reportedAt[slot] > reportedAtTicks) return false;
            _reportedAt[slot] = reportedAtTicks;
            var wasInStock = _available[slot] > 0;
            _available[slot] = available;
            if (wasInStock != available > 0)
            {
                // Logged before the version moves, so a reader that sees the version sees its slot.
                Volatile.Write(ref _flips[(_version + 1) % FlipLogLength], slot);
                Interlocked.Increment(ref _version);
            }

            return true;
        }
    }

    /// <summary>
    /// Whether a SKU for which <paramref name="affects"/> holds went in or out of stock after version
    /// <paramref name="since"/>; <paramref name="now"/> is the version checked up to. Also true when more flips happened
    /// since than the log keeps, since they can no longer be named.
    /// </summary>
    public bool FlippedSince(long since, Func<int, bool> affects, out long now)
    {
        now = Version;
        if (now - since >= FlipLogLength) return true;
        for (var flip = since + 1; flip <= now; flip++)
        {
            if (affects(Volatile.Read(ref _flips[flip % FlipLogLength]))) return true;
        }

        // A writer may have overwritten the oldest entries while they were read.
        return Version - since >= FlipLogLength;
    }

    public bool IsInStock(int slot) => Volatile.Read(ref _available)[slot] > 0;

    private int SlotOfLocked(string sku)
    {
        if (_slots.TryGetValue(sku, out var slot)) return slot;
        slot = _slots.Count;
        if (slot == _available.Length)
        {
            // Readers holding the old array see values at most one write old; new writes go to the new one.
            var available = new long[slot * 2];
            Array.Copy(_available, available, slot);
            Array.Resize(ref _reportedAt, slot * 2);
            Volatile.Write(ref _available, available);
        }

        _slots.Add(sku, slot);
        return slot;
    }
}
