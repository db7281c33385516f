using System.Collections.Concurrent;
using SpaceOfSport.Catalog.Model;

namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// One immutable generation of the search index: active products, an inverted index of their weighted terms, a trigram
/// index over the vocabulary (for typo tolerance), the category tree and the flash sales. Queries never lock; an update
/// builds a new snapshot and swaps it in.
/// </summary>
public sealed class SearchSnapshot
{
    private const float ExactMatch = 1f, PrefixMatch = 0.7f, FuzzyMatch = 0.5f;

    private readonly ProductDocument[] _products;
    private readonly Dictionary<string, List<(int Doc, float Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly string[] _vocabulary;
    private readonly Dictionary<string, List<int>> _trigrams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<int, float>> _tokenMatches = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<FlashSale> _flashSales;

    // Facet values interned per snapshot, so counting is array increments rather than string hashing.
    private readonly string[] _sizeNames, _colourNames;
    private readonly int[][] _docSizes, _docColours;

    public SearchSnapshot(IEnumerable<ProductDocument> products, IEnumerable<CategoryNode> categories, IEnumerable<FlashSale> flashSales)
    {
        _products = [.. products.OrderBy(p => p.Number)];
        ProductsBySlug = _products.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        Categories = categories.ToDictionary(c => c.Id);
        CategoriesBySlug = Categories.Values.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        Children = Categories.Values.ToLookup(c => c.ParentId);
        _flashSales = [.. flashSales];
        for (var doc = 0; doc < _products.Length; doc++)
        {
            foreach (var (term, weight) in _products[doc].Terms)
            {
                if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
                list.Add((doc, weight));
            }
        }

        _sizeNames = [.. _products.SelectMany(p => p.Sizes).Distinct(StringComparer.Ordinal)];
        _colourNames = [.. _products.SelectMany(p => p.Colours).Distinct(StringComparer.Ordinal)];
        var sizeIds = _sizeNames.Select((name, id) => (name, id)).ToDictionary(x => x.name, x => x.id, StringComparer.Ordinal);
        var colourIds = _colourNames.Select((name, id) => (name, id)).ToDictionary(x => x.name, x => x.id, StringComparer.Ordinal);
        _docSizes = [.. _products.Select(p => p.Sizes.Select(size => sizeIds[size]).ToArray())];
        _docColours = [.. _products.Select(p => p.Colours.Select(colour => colourIds[colour]).ToArray())];

        _vocabulary = [.. _postings.Keys.Order(StringComparer.Ordinal)];
        for (var termId = 0; termId < _vocabulary.Length; termId++)
        {
            foreach (var trigram in Tokenizer.Trigrams(_vocabulary[termId]).Distinct())
            {
                if (!_trigrams.TryGetValue(trigram, out var list)) _trigrams[trigram] = list = [];
                list.Add(termId);
            }
        }
    }

    public static SearchSnapshot Empty { get; } = new([], [], []);

    public IReadOnlyDictionary<string, ProductDocument> ProductsBySlug { get; }

    public IReadOnlyDictionary<Guid, CategoryNode> Categories { get; }

    public IReadOnlyDictionary<string, CategoryNode> CategoriesBySlug { get; }

    public ILookup<Guid?, CategoryNode> Children { get; }

    public IReadOnlyList<ProductDocument> Products => _products;

    public IReadOnlyList<FlashSale> FlashSales => _flashSales;

    public int VariantCount => _products.Sum(p => p.Variants.Count);

    public SearchResult Search(SearchQuery query, DateTimeOffset now, StockLevels stock)
    {
        var activeSales = _flashSales.Where(s => s.IsActiveAt(now)).ToList();
        var candidates = MatchText(query.Text);
        CategoryNode? category = null;
        if (query.CategorySlug is not null && !CategoriesBySlug.TryGetValue(query.CategorySlug, out category))
            return new SearchResult(0, [], 0, false, Facets([], []));

        var brands = query.Brands.ToHashSet(StringComparer.Ordinal);
        var sports = query.Sports.ToHashSet(StringComparer.Ordinal);
        var sizes = query.Sizes.ToHashSet(StringComparer.Ordinal);
        var colours = query.Colours.ToHashSet(StringComparer.Ordinal);
        var matches = new List<PricedProduct>();
        var matchedDocs = new List<int>();
        foreach (var (doc, score) in candidates)
        {
            var product = _products[doc];
            if (category is not null && !product.CategoryPath.Contains(category.Id)) continue;
            if (brands.Count > 0 && !brands.Contains(product.BrandSlug)) continue;
            if (sports.Count > 0 && !product.Sports.Any(s => sports.Contains(s.Slug))) continue;
            if (query.AgeGroup is { } ageGroup && product.AgeGroup != ageGroup) continue;
            if (Price(product, activeSales, stock, query, sizes, colours, score) is not { } priced) continue;
            if (query.MinPriceMinor is { } min && priced.PriceMinor < min) continue;
            if (query.MaxPriceMinor is { } max && priced.PriceMinor > max) continue;
            matches.Add(priced);
            matchedDocs.Add(doc);
        }

        IEnumerable<PricedProduct> ordered = query.Sort switch
        {
            SearchSort.PriceAsc => matches.OrderBy(p => p.PriceMinor).ThenBy(p => p.Document.Number),
            SearchSort.PriceDesc => matches.OrderByDescending(p => p.PriceMinor).ThenBy(p => p.Document.Number),
            SearchSort.Newest => matches.OrderByDescending(p => p.Document.CreatedAt).ThenBy(p => p.Document.Number),
            SearchSort.BestSelling => matches.OrderByDescending(p => p.Document.UnitsSold).ThenBy(p => p.Document.Number),
            _ => matches.OrderByDescending(p => p.Score).ThenByDescending(p => p.Document.UnitsSold).ThenBy(p => p.Document.Number),
        };
        var page = ordered.Skip(query.Offset).Take(query.First).ToList();
        var next = query.Offset + page.Count;
        return new SearchResult(matches.Count, page, next, next < matches.Count, Facets(matches, matchedDocs));
    }

    /// <summary>The effective prices of one product at query time (null when no variant passes the variant filters).</summary>
    public PricedProduct? Price(ProductDocument product, IReadOnlyList<FlashSale> activeSales, StockLevels stock, SearchQuery? query = null,
        IReadOnlySet<string>? sizes = null, IReadOnlySet<string>? colours = null, float score = 0)
    {
        if (sizes is not { Count: > 0 } && colours is not { Count: > 0 } && query?.InStock is null && !AnySaleCovers(product, activeSales))
        {
            var anyInStock = stock.NothingSoldOut || product.Variants.Any(v => stock.IsInStock(v.Sku));
            return new PricedProduct(product, product.MinPriceMinor, product.MinPriceMinor, product.Currency, false, anyInStock, score);
        }

        long? best = null, list = null;
        var onSale = false;
        var inStock = false;
        var currency = "EUR";
        foreach (var variant in product.Variants)
        {
            if (sizes is { Count: > 0 } && !sizes.Contains(variant.Size)) continue;
            if (colours is { Count: > 0 } && !colours.Contains(variant.Colour)) continue;
            var variantInStock = stock.IsInStock(variant.Sku);
            if (query?.InStock is { } wanted && wanted != variantInStock) continue;
            var effective = EffectivePrice(product.Id, variant, activeSales);
            inStock |= variantInStock;
            if (best is null || effective < best)
            {
                best = effective;
                currency = variant.Currency;
                onSale = effective < variant.PriceMinor;
            }

            list = list is null ? variant.PriceMinor : Math.Min(list.Value, variant.PriceMinor);
        }

        return best is null ? null : new PricedProduct(product, best.Value, list!.Value, currency, onSale, inStock, score);
    }

    private static bool AnySaleCovers(ProductDocument product, IReadOnlyList<FlashSale> activeSales)
    {
        foreach (var sale in activeSales)
        {
            if (sale.ProductIds.Contains(product.Id) || product.Variants.Any(v => sale.VariantIds.Contains(v.Id))) return true;
        }

        return false;
    }

    public static long EffectivePrice(Guid productId, VariantDocument variant, IReadOnlyList<FlashSale> activeSales)
    {
        var price = variant.PriceMinor;
        foreach (var sale in activeSales)
        {
            if (sale.Covers(productId, variant.Id)) price = Math.Min(price, sale.Apply(variant.PriceMinor));
        }

        return price;
    }

    public IReadOnlyList<FlashSale> ActiveSales(DateTimeOffset now) => [.. _flashSales.Where(s => s.IsActiveAt(now))];

    /// <summary>Documents matching every query token (exactly, by prefix or within a small edit distance), with scores.</summary>
    private IEnumerable<(int Doc, float Score)> MatchText(string? text)
    {
        var tokens = text is null ? [] : Tokenizer.Tokens(text).Distinct().ToList();
        if (tokens.Count == 0) return Enumerable.Range(0, _products.Length).Select(doc => (doc, 0f));
        Dictionary<int, float>? scores = null;
        foreach (var token in tokens)
        {
            var matches = _tokenMatches.GetOrAdd(token, MatchToken);
            if (scores is null)
            {
                scores = new Dictionary<int, float>(matches);
                continue;
            }

            foreach (var doc in scores.Keys.ToList())
            {
                if (matches.TryGetValue(doc, out var score)) scores[doc] += score;
                else scores.Remove(doc);
            }
        }

        return scores!.Select(pair => (pair.Key, pair.Value));
    }

    private Dictionary<int, float> MatchToken(string token)
    {
        var scores = new Dictionary<int, float>();
        void Add(string term, float quality)
        {
            foreach (var (doc, weight) in _postings[term])
                scores[doc] = Math.Max(scores.GetValueOrDefault(doc), weight * quality);
        }

        if (_postings.ContainsKey(token)) Add(token, ExactMatch);
        if (token.Length >= 2)
        {
            var start = Array.BinarySearch(_vocabulary, token, StringComparer.Ordinal);
            for (var i = start < 0 ? ~start : start + 1; i < _vocabulary.Length && _vocabulary[i].StartsWith(token, StringComparison.Ordinal); i++)
                Add(_vocabulary[i], PrefixMatch);
        }

        var maxEdits = token.Length switch { < 4 => 0, <= 7 => 1, _ => 2 };
        if (maxEdits == 0) return scores;
        var candidates = new HashSet<int>();
        foreach (var trigram in Tokenizer.Trigrams(token))
        {
            if (_trigrams.TryGetValue(trigram, out var termIds)) candidates.UnionWith(termIds);
        }

        foreach (var termId in candidates)
        {
            var term = _vocabulary[termId];
            if (term != token && Tokenizer.Distance(token, term, maxEdits) <= maxEdits) Add(term, FuzzyMatch);
        }

        return scores;
    }

    private static List<FacetValue> Counted(string[] names, int[] counts) =>
        [.. names.Select((name, id) => new FacetValue(name, name, counts[id])).Where(f => f.Count > 0)
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)];

    private SearchFacets Facets(List<PricedProduct> matches, List<int> docs)
    {
        var categories = new Dictionary<Guid, int>();
        var brands = new Dictionary<string, (string Label, int Count)>(StringComparer.Ordinal);
        var sports = new Dictionary<string, (string Label, int Count)>(StringComparer.Ordinal);
        var sizes = new int[_sizeNames.Length];
        var colours = new int[_colourNames.Length];
        var bands = new int[PriceBand.All.Count];
        int inStock = 0, outOfStock = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var match = matches[i];
            var product = match.Document;
            foreach (var id in product.CategoryPath) categories[id] = categories.GetValueOrDefault(id) + 1;
            brands[product.BrandSlug] = (product.BrandName, brands.GetValueOrDefault(product.BrandSlug).Count + 1);
            foreach (var sport in product.Sports) sports[sport.Slug] = (sport.Name, sports.GetValueOrDefault(sport.Slug).Count + 1);
            foreach (var size in _docSizes[docs[i]]) sizes[size]++;
            foreach (var colour in _docColours[docs[i]]) colours[colour]++;

            for (var band = 0; band < bands.Length; band++)
            {
                if (PriceBand.All[band].Contains(match.PriceMinor)) bands[band]++;
            }

            if (match.InStock) inStock++;
            else outOfStock++;
        }

        return new SearchFacets(
            [.. categories.Where(c => Categories.ContainsKey(c.Key)).Select(c => (Node: Categories[c.Key], Count: c.Value))
                .OrderBy(c => c.Node.Depth).ThenByDescending(c => c.Count).Select(c => new FacetValue(c.Node.Slug, c.Node.Name, c.Count))],
            [.. brands.OrderByDescending(b => b.Value.Count).ThenBy(b => b.Key, StringComparer.Ordinal).Select(b => new FacetValue(b.Key, b.Value.Label, b.Value.Count))],
            [.. sports.OrderByDescending(s => s.Value.Count).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => new FacetValue(s.Key, s.Value.Label, s.Value.Count))],
            Counted(_sizeNames, sizes),
            Counted(_colourNames, colours),
            [.. PriceBand.All.Select((band, i) => new FacetValue(band.Value, band.Label, bands[i]))],
            [new FacetValue("true", "In stock", inStock), new FacetValue("false", "Out of stock", outOfStock)]);
    }
}
