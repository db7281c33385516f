using System.Collections.Concurrent;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// One immutable generation of the search index: active products, an inverted index of their weighted terms, a trigram
/// index over the vocabulary (for typo tolerance), the category tree and the flash sales. Queries never lock; an update
/// builds a new snapshot and swaps it in. Facet values (brands, sports, categories, sizes, colours) are interned to
/// small integers here, so a query filters and counts with array reads instead of string hashing.
/// </summary>
public sealed class SearchSnapshot
{
    private const float ExactMatch = 1f, PrefixMatch = 0.7f, FuzzyMatch = 0.5f;

    private readonly Dictionary<string, List<(int Doc, float Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly string[] _vocabulary;
    private readonly Dictionary<string, List<int>> _trigrams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<int, float>> _tokenMatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _docsBySlug;
    private readonly DateTimeOffset[] _priceChanges;
    private readonly int[] _docOfStockSlot;

    public SearchSnapshot(IEnumerable<ProductDocument> products, IEnumerable<CategoryNode> categories, IEnumerable<FlashSale> flashSales)
    {
        Documents = [.. products.OrderBy(p => p.Number)];
        _docsBySlug = Documents.Select((p, doc) => (p.Slug, doc)).ToDictionary(x => x.Slug, x => x.doc, StringComparer.Ordinal);
        Categories = categories.ToDictionary(c => c.Id);
        CategoriesBySlug = Categories.Values.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        Children = Categories.Values.ToLookup(c => c.ParentId);
        FlashSales = [.. flashSales];
        Sales = [.. FlashSales.Select(sale => new SaleCoverage(sale, [.. sale.ProductIds], [.. sale.VariantIds]))];
        _priceChanges = [.. FlashSales.SelectMany(sale => new[] { sale.StartsAt, sale.EndsAt }).Order()];
        for (var doc = 0; doc < Documents.Length; doc++)
        {
            foreach (var (term, weight) in Documents[doc].Terms)
            {
                if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
                list.Add((doc, weight));
            }
        }

        CategoryNodes = [.. Categories.Values];
        var categoryIds = Intern(CategoryNodes.Select(c => c.Id));
        DocCategoryPaths = [.. Documents.Select(p => p.CategoryPath.Where(categoryIds.ContainsKey).Select(id => categoryIds[id]).ToArray())];
        BrandFacet = new Interned([.. Documents.Select(p => (p.BrandSlug, p.BrandName))]);
        DocBrands = [.. Documents.Select(p => BrandFacet.Ids[p.BrandSlug])];
        SportFacet = new Interned([.. Documents.SelectMany(p => p.Sports).Select(s => (s.Slug, s.Name))]);
        DocSports = [.. Documents.Select(p => p.Sports.Select(s => SportFacet.Ids[s.Slug]).ToArray())];
        SizeFacet = new Interned([.. Documents.SelectMany(p => p.Variants).Select(v => (v.Size, v.Size))]);
        ColourFacet = new Interned([.. Documents.SelectMany(p => p.Variants).Select(v => (v.Colour, v.Colour))]);
        DocNumbers = [.. Documents.Select(p => p.Number)];
        DocCreatedTicks = [.. Documents.Select(p => p.CreatedAt.UtcTicks)];
        DocUnitsSold = [.. Documents.Select(p => p.UnitsSold)];
        VariantStart = new int[Documents.Length + 1];
        for (var doc = 0; doc < Documents.Length; doc++) VariantStart[doc + 1] = VariantStart[doc] + Documents[doc].Variants.Count;
        var variants = Documents.SelectMany(p => p.Variants).ToArray();
        VariantSizes = [.. variants.Select(v => SizeFacet.Ids[v.Size])];
        VariantColours = [.. variants.Select(v => ColourFacet.Ids[v.Colour])];
        VariantPrices = [.. variants.Select(v => v.PriceMinor)];
        VariantCurrencies = [.. variants.Select(v => v.Currency)];
        VariantStockSlots = [.. variants.Select(v => v.StockSlot)];
        _docOfStockSlot = new int[VariantStockSlots.Length == 0 ? 0 : VariantStockSlots.Max() + 1];
        Array.Fill(_docOfStockSlot, -1);
        for (var doc = 0; doc < Documents.Length; doc++)
        {
            for (var v = VariantStart[doc]; v < VariantStart[doc + 1]; v++) _docOfStockSlot[VariantStockSlots[v]] = doc;
        }

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

    public IReadOnlyDictionary<Guid, CategoryNode> Categories { get; }

    public IReadOnlyDictionary<string, CategoryNode> CategoriesBySlug { get; }

    public ILookup<Guid?, CategoryNode> Children { get; }

    public IReadOnlyList<ProductDocument> Products => Documents;

    public IReadOnlyList<FlashSale> FlashSales { get; }

    public int VariantCount => Documents.Sum(p => p.Variants.Count);

    // What SearchEvaluation reads: per document, interned ids; per variant, flat arrays in document then variant order
    // (document d's variants are VariantStart[d]..VariantStart[d + 1]), so a wide search scans memory sequentially.
    internal ProductDocument[] Documents { get; }

    internal CategoryNode[] CategoryNodes { get; }

    internal int[][] DocCategoryPaths { get; }

    internal Interned BrandFacet { get; }

    internal int[] DocBrands { get; }

    internal Interned SportFacet { get; }

    internal int[][] DocSports { get; }

    internal Interned SizeFacet { get; }

    internal Interned ColourFacet { get; }

    internal int[] DocNumbers { get; }

    internal long[] DocCreatedTicks { get; }

    internal int[] DocUnitsSold { get; }

    internal int[] VariantStart { get; }

    internal int[] VariantSizes { get; }

    internal int[] VariantColours { get; }

    internal long[] VariantPrices { get; }

    internal string[] VariantCurrencies { get; }

    internal int[] VariantStockSlots { get; }

    internal SaleCoverage[] Sales { get; }

    public SearchResult Search(SearchQuery query, DateTimeOffset now, StockLevels stock, StockReads? reads = null)
    {
        if (query.CategorySlug is not null && !CategoriesBySlug.ContainsKey(query.CategorySlug))
            return new SearchResult(0, [], 0, false, new SearchFacets([], [], [], [], [], [], []));
        var (docs, scores) = MatchText(query.Text);
        return new SearchEvaluation(this, query, now, stock, reads).Run(docs, scores);
    }

    /// <summary>A product by slug with its prices and availability now (no filters), or null.</summary>
    public PricedProduct? Product(string slug, DateTimeOffset now, StockLevels stock, StockReads? reads = null) =>
        _docsBySlug.TryGetValue(slug, out var doc) ? new SearchEvaluation(this, new SearchQuery(), now, stock, reads).Price(doc) : null;

    /// <summary>The document whose variant holds the SKU in this stock slot; -1 when none in this snapshot does.</summary>
    internal int DocOfStockSlot(int slot) => slot < _docOfStockSlot.Length ? _docOfStockSlot[slot] : -1;

    public static long EffectivePrice(Guid productId, VariantDocument variant, IReadOnlyList<FlashSale> activeSales)
    {
        var price = variant.PriceMinor;
        foreach (var sale in activeSales)
        {
            if (sale.Covers(productId, variant.Id)) price = Math.Min(price, sale.Apply(variant.PriceMinor));
        }

        return price;
    }

    /// <summary>The first moment after <paramref name="now"/> a flash sale starts or ends (prices change by the clock); MaxValue when none will.</summary>
    public DateTimeOffset NextPriceChangeAfter(DateTimeOffset now)
    {
        foreach (var change in _priceChanges)
        {
            if (change > now) return change;
        }

        return DateTimeOffset.MaxValue;
    }

    public IReadOnlyList<FlashSale> ActiveSales(DateTimeOffset now) => [.. FlashSales.Where(s => s.IsActiveAt(now))];

    private static Dictionary<T, int> Intern<T>(IEnumerable<T> values) where T : notnull =>
        values.Distinct().Select((value, id) => (value, id)).ToDictionary(x => x.value, x => x.id);

    /// <summary>
    /// Documents matching every query token (exactly, by prefix or within a small edit distance), with their scores;
    /// null documents mean all of them (no text), each scoring 0.
    /// </summary>
    private (int[]? Docs, float[]? Scores) MatchText(string? text)
    {
        var tokens = text is null ? [] : Tokenizer.Tokens(text).Distinct().ToList();
        if (tokens.Count == 0) return (null, null);
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

        return ([.. scores!.Keys], [.. scores.Values]);
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

    /// <summary>The distinct values of one facet, numbered in order of first appearance.</summary>
    internal sealed class Interned
    {
        public Interned(IReadOnlyList<(string Value, string Label)> values)
        {
            foreach (var (value, label) in values)
            {
                if (Ids.TryAdd(value, Values.Count))
                {
                    Values.Add(value);
                    Labels.Add(label);
                }
            }
        }

        public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

        public List<string> Values { get; } = [];

        public List<string> Labels { get; } = [];

        public int Count => Values.Count;

        /// <summary>A selection as a mask over ids (values this snapshot doesn't know select nothing); null when empty.</summary>
        public bool[]? Selection(IReadOnlyCollection<string> selected)
        {
            if (selected.Count == 0) return null;
            var mask = new bool[Count];
            foreach (var value in selected)
            {
                if (Ids.TryGetValue(value, out var id)) mask[id] = true;
            }

            return mask;
        }
    }

    /// <summary>A flash sale with its products and variants as sets (a sale can name thousands).</summary>
    internal sealed record SaleCoverage(FlashSale Sale, HashSet<Guid> Products, HashSet<Guid> Variants)
    {
        public bool Covers(Guid productId, Guid variantId) => Products.Contains(productId) || Variants.Contains(variantId);
    }
}
