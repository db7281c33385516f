namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// Which products' stock one request's answer read (request-scoped): the answer cache keeps an answer through stock
/// changes of every other product, so a sold-out size elsewhere does not retire a product page or a search that never
/// showed it. One bit per document of the snapshot read; the catalog's resolvers run one after another (serial
/// execution), so no locking.
/// </summary>
public sealed class StockReads
{
    private SearchSnapshot? _snapshot;
    private ulong[] _docs = [];
    private bool _severalSnapshots;

    /// <summary>An evaluation over <paramref name="snapshot"/> starts reading.</summary>
    internal void Begin(SearchSnapshot snapshot)
    {
        if (_snapshot is null)
        {
            _snapshot = snapshot;
            _docs = new ulong[(snapshot.Documents.Length + 63) / 64];
        }
        else if (_snapshot != snapshot)
        {
            _severalSnapshots = true;
        }
    }

    internal void Add(int doc) => _docs[doc >> 6] |= 1UL << doc;

    /// <summary>
    /// Whether stock flips can be told apart while <paramref name="current"/> is the index: the answer read nothing, or
    /// read only this snapshot (document numbers are a snapshot's own).
    /// </summary>
    public bool CanTellApartIn(SearchSnapshot current) => !_severalSnapshots && (_snapshot is null || _snapshot == current);

    /// <summary>Whether a stock change of the SKU in <paramref name="slot"/> could change what was read.</summary>
    public bool Read(int slot)
    {
        if (_snapshot is null) return false;
        var doc = _snapshot.DocOfStockSlot(slot);
        return doc >= 0 && (_docs[doc >> 6] & (1UL << doc)) != 0;
    }
}
