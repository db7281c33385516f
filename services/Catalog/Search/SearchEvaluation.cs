using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// One query over one <see cref="SearchSnapshot"/>: filters, prices, facet counts and the requested page.
/// <para>
/// Filter semantics. Category and age group are product filters. Sizes, colours, the price range and in-stock are
/// variant filters that must hold for one and the same variant; a product's price is the lowest effective price
/// (a running flash sale applied) of the variants that pass. In stock: <c>true</c> keeps variants inventory has
/// units of; <c>false</c> keeps products none of whose passing variants are in stock (sold out).
/// </para>
/// <para>
/// Facets are disjunctive, as shoppers expect of multi-select filters: the counts of brands, sports, sizes, colours,
/// price bands and in-stock each ignore that facet's own selection (so selecting one brand still shows how many
/// products every other brand has), while respecting all other filters. Each count is the number of products the
/// search would return with that value selected instead. Categories count the matches themselves (they navigate a tree).
/// </para>
/// </summary>
internal sealed class SearchEvaluation
{
    private readonly SearchSnapshot _snapshot;
    private readonly SearchQuery _query;
    private readonly StockLevels _stock;
    private readonly StockReads? _reads;
    private readonly SearchSnapshot.SaleCoverage[] _activeSales;
    private readonly int _category = -1;
    private readonly bool[]? _brands, _sports, _sizes, _colours;
    private readonly long _minPrice, _maxPrice;

    // Facet counters, indexed by interned id.
    private readonly int[] _categoryCounts, _brandCounts, _sportCounts, _sizeCounts, _colourCounts;
    private readonly int[] _bandCounts = new int[PriceBand.All.Count];
    private int _inStockCount, _soldOutCount;

    // Per-document marks for sizes and colours: stamped with the document's number, so they never need clearing.
    private readonly int[] _sizeSeen, _sizeSeenInStock, _colourSeen, _colourSeenInStock;

    public SearchEvaluation(SearchSnapshot snapshot, SearchQuery query, DateTimeOffset now, StockLevels stock, StockReads? reads = null)
    {
        _snapshot = snapshot;
        _query = query;
        _stock = stock;
        _reads = reads;
        reads?.Begin(snapshot);
        _activeSales = [.. snapshot.Sales.Where(s => s.Sale.IsActiveAt(now))];
        if (query.CategorySlug is not null) _category = Array.FindIndex(snapshot.CategoryNodes, c => c.Slug == query.CategorySlug);
        _brands = snapshot.BrandFacet.Selection(query.Brands);
        _sports = snapshot.SportFacet.Selection(query.Sports);
        _sizes = snapshot.SizeFacet.Selection(query.Sizes);
        _colours = snapshot.ColourFacet.Selection(query.Colours);
        _minPrice = query.MinPriceMinor ?? long.MinValue;
        _maxPrice = query.MaxPriceMinor ?? long.MaxValue;
        _categoryCounts = new int[snapshot.CategoryNodes.Length];
        _brandCounts = new int[snapshot.BrandFacet.Count];
        _sportCounts = new int[snapshot.SportFacet.Count];
        _sizeCounts = new int[snapshot.SizeFacet.Count];
        _colourCounts = new int[snapshot.ColourFacet.Count];
        _sizeSeen = new int[snapshot.SizeFacet.Count];
        _sizeSeenInStock = new int[snapshot.SizeFacet.Count];
        _colourSeen = new int[snapshot.ColourFacet.Count];
        _colourSeenInStock = new int[snapshot.ColourFacet.Count];
    }

    /// <summary>Evaluates the candidates (null: every document, unscored) and returns the page with the facets.</summary>
    public SearchResult Run(int[]? docs, float[]? scores)
    {
        // Only the first Offset + First matches in order are kept, in a bounded heap whose root is the worst of them:
        // a wide search allocates no per-match list.
        var order = Order();
        var wanted = _query.Offset + _query.First;
        var best = new PriorityQueue<Match, Match>(wanted + 1, Comparer<Match>.Create((a, b) => order(b, a)));
        var total = 0;
        var count = docs?.Length ?? _snapshot.Documents.Length;
        for (var i = 0; i < count; i++)
        {
            var doc = docs?[i] ?? i;
            if (Evaluate(doc, scores?[i] ?? 0) is not { } match) continue;
            total++;
            if (best.Count < wanted) best.Enqueue(match, match);
            else if (wanted > 0 && order(match, best.Peek()) < 0) best.DequeueEnqueue(match, match);
        }

        var ranked = new Match[best.Count];
        for (var i = ranked.Length - 1; i >= 0; i--) ranked[i] = best.Dequeue();
        var page = ranked.Skip(_query.Offset).Select(Priced).ToList();
        var next = _query.Offset + page.Count;
        return new SearchResult(total, page, next, next < total, Facets());
    }

    /// <summary>One product's prices and availability under this query's variant filters (no facets counted).</summary>
    public PricedProduct? Price(int doc)
    {
        var variants = Aggregate(doc, countFacets: false);
        return variants.Full.Matches(_query.InStock) is { } price ? Priced(new Match(doc, 0, price)) : null;
    }

    private Match? Evaluate(int doc, float score)
    {
        var product = _snapshot.Documents[doc];
        if (_category >= 0 && Array.IndexOf(_snapshot.DocCategoryPaths[doc], _category) < 0) return null;
        if (_query.AgeGroup is { } ageGroup && product.AgeGroup != ageGroup) return null;
        var brandPasses = _brands is null || _brands[_snapshot.DocBrands[doc]];
        var sportPasses = _sports is null || _snapshot.DocSports[doc].Any(sport => _sports[sport]);
        if (!brandPasses && !sportPasses) return null;

        // Variant facets count only products every product filter lets through.
        var variants = Aggregate(doc, countFacets: brandPasses && sportPasses);
        if (variants.Full.Matches(_query.InStock) is not { } price) return null;
        if (!sportPasses)
        {
            foreach (var sport in _snapshot.DocSports[doc]) _sportCounts[sport]++;
            return null;
        }

        if (!brandPasses)
        {
            _brandCounts[_snapshot.DocBrands[doc]]++;
            return null;
        }

        foreach (var sport in _snapshot.DocSports[doc]) _sportCounts[sport]++;
        _brandCounts[_snapshot.DocBrands[doc]]++;
        foreach (var category in _snapshot.DocCategoryPaths[doc]) _categoryCounts[category]++;
        return new Match(doc, score, price);
    }

    /// <summary>
    /// One pass over the product's variants: the aggregates of the variants passing every variant filter, those passing
    /// every one but the price range (for price bands), and, per size and per colour, whether a variant of it passes
    /// the other filters (for those facets).
    /// </summary>
    private VariantAggregates Aggregate(int doc, bool countFacets)
    {
        var snapshot = _snapshot;
        var sizes = snapshot.VariantSizes;
        var colours = snapshot.VariantColours;
        var (first, end) = (snapshot.VariantStart[doc], snapshot.VariantStart[doc + 1]);
        var stamp = doc + 1;
        var result = new VariantAggregates();
        // Whatever this product's stock is, it may show in the answer (availability, counts, filters).
        _reads?.Add(doc);
        for (var v = first; v < end; v++)
        {
            var listPrice = snapshot.VariantPrices[v];
            var price = _activeSales.Length == 0 ? listPrice : EffectivePrice(doc, v - first);
            var inStock = _stock.IsInStock(snapshot.VariantStockSlots[v]);
            var sizePasses = _sizes is null || _sizes[sizes[v]];
            var colourPasses = _colours is null || _colours[colours[v]];
            var pricePasses = price >= _minPrice && price <= _maxPrice;
            if (sizePasses && colourPasses)
            {
                result.IgnoringPrice.Add(price, listPrice, snapshot.VariantCurrencies[v], inStock);
                if (pricePasses) result.Full.Add(price, listPrice, snapshot.VariantCurrencies[v], inStock);
            }

            if (!countFacets || !pricePasses) continue;
            if (colourPasses)
            {
                _sizeSeen[sizes[v]] = stamp;
                if (inStock) _sizeSeenInStock[sizes[v]] = stamp;
            }

            if (sizePasses)
            {
                _colourSeen[colours[v]] = stamp;
                if (inStock) _colourSeenInStock[colours[v]] = stamp;
            }
        }

        if (!countFacets) return result;

        // A product counts once per size and colour: the mark is cleared when counted.
        for (var v = first; v < end; v++)
        {
            var size = sizes[v];
            if (_sizeSeen[size] == stamp)
            {
                if (StockFilterAllows(_sizeSeenInStock[size] == stamp)) _sizeCounts[size]++;
                _sizeSeen[size] = 0;
            }

            var colour = colours[v];
            if (_colourSeen[colour] == stamp)
            {
                if (StockFilterAllows(_colourSeenInStock[colour] == stamp)) _colourCounts[colour]++;
                _colourSeen[colour] = 0;
            }
        }

        if (result.Full.Any)
        {
            if (result.Full.AnyInStock) _inStockCount++;
            else _soldOutCount++;
        }

        if (result.IgnoringPrice.Matches(_query.InStock) is { } unbounded) _bandCounts[PriceBand.IndexOf(unbounded.PriceMinor)]++;
        return result;
    }

    /// <summary>Whether a value with passing variants (some of them in stock, or none) satisfies the in-stock filter.</summary>
    private bool StockFilterAllows(bool anyInStock) => _query.InStock switch
    {
        true => anyInStock,
        false => !anyInStock,
        null => true,
    };

    private long EffectivePrice(int doc, int variantIndex)
    {
        var product = _snapshot.Documents[doc];
        var variant = product.Variants[variantIndex];
        var price = variant.PriceMinor;
        foreach (var sale in _activeSales)
        {
            if (sale.Covers(product.Id, variant.Id)) price = Math.Min(price, sale.Sale.Apply(variant.PriceMinor));
        }

        return price;
    }

    private Comparison<Match> Order()
    {
        var (numbers, created, unitsSold) = (_snapshot.DocNumbers, _snapshot.DocCreatedTicks, _snapshot.DocUnitsSold);

        // Ties break on the product number, so every order is total and pages never overlap.
        int Then(int primary, Match a, Match b) => primary != 0 ? primary : numbers[a.Doc].CompareTo(numbers[b.Doc]);
        return _query.Sort switch
        {
            SearchSort.PriceAsc => (a, b) => Then(a.Price.PriceMinor.CompareTo(b.Price.PriceMinor), a, b),
            SearchSort.PriceDesc => (a, b) => Then(b.Price.PriceMinor.CompareTo(a.Price.PriceMinor), a, b),
            SearchSort.Newest => (a, b) => Then(created[b.Doc].CompareTo(created[a.Doc]), a, b),
            SearchSort.BestSelling => (a, b) => Then(unitsSold[b.Doc].CompareTo(unitsSold[a.Doc]), a, b),
            _ => (a, b) => Then(b.Score != a.Score ? b.Score.CompareTo(a.Score) : unitsSold[b.Doc].CompareTo(unitsSold[a.Doc]), a, b),
        };
    }

    private ProductDocument Document(Match match) => _snapshot.Documents[match.Doc];

    private PricedProduct Priced(Match match) => new(Document(match), match.Price.PriceMinor, match.Price.ListPriceMinor,
        match.Price.Currency, match.Price.PriceMinor < match.Price.ListPriceOfCheapest, match.Price.InStock, match.Score);

    private SearchFacets Facets()
    {
        var categories = _snapshot.CategoryNodes.Select((node, id) => (Node: node, Count: _categoryCounts[id])).Where(c => c.Count > 0)
            .OrderBy(c => c.Node.Depth).ThenByDescending(c => c.Count).Select(c => new FacetValue(c.Node.Slug, c.Node.Name, c.Count));
        return new SearchFacets(
            [.. categories],
            Counted(_snapshot.BrandFacet, _brandCounts),
            Counted(_snapshot.SportFacet, _sportCounts),
            Counted(_snapshot.SizeFacet, _sizeCounts),
            Counted(_snapshot.ColourFacet, _colourCounts),
            [.. PriceBand.All.Select((band, i) => new FacetValue(band.Value, band.Label, _bandCounts[i]))],
            [new FacetValue("true", "In stock", _inStockCount), new FacetValue("false", "Out of stock", _soldOutCount)]);
    }

    private static List<FacetValue> Counted(SearchSnapshot.Interned facet, int[] counts) =>
        [.. Enumerable.Range(0, facet.Count).Where(id => counts[id] > 0)
            .Select(id => new FacetValue(facet.Values[id], facet.Labels[id], counts[id]))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)];

    private readonly record struct Match(int Doc, float Score, ProductPrice Price);
}
