using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// The request mix, shared with bench/Shop (linked there): the storefront's GraphQL documents over the running catalog.
namespace SpaceOfSport.Search.Benchmarks;

/// <summary>What the mix is drawn from: read once from the catalog's GraphQL endpoint (the app's, or the gateway's) before the run.</summary>
internal sealed record CatalogSample(List<string> ProductSlugs, List<string> ProductNames, List<string> CategorySlugs, List<string> Words,
    List<string> Brands, List<string> Sports, List<string> Sizes, List<string> Colours)
{
    public static async Task<CatalogSample> ReadAsync(HttpClient http, Uri graphql)
    {
        async Task<JsonNode> QueryAsync(string query, object? variables = null)
        {
            using var response = await http.PostAsync(graphql, JsonContent(new { query, variables }));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (body["errors"] is not null) throw new InvalidOperationException(body.ToJsonString());
            return body["data"]!;
        }

        var facets = (await QueryAsync("{ search(first: 1) { facets { categories { value } brands { value } sports { value } sizes { value } colours { value } } } }"))["search"]!["facets"]!;
        List<string> Values(string facet) => [.. facets[facet]!.AsArray().Select(v => v!["value"]!.GetValue<string>())];

        List<string> slugs = [], names = [];
        string? after = null;
        do
        {
            var page = (await QueryAsync("query($after: String) { search(first: 100, after: $after, sort: NEWEST) { nodes { slug name } pageInfo { endCursor hasNextPage } } }", new { after }))["search"]!;
            foreach (var node in page["nodes"]!.AsArray())
            {
                slugs.Add(node!["slug"]!.GetValue<string>());
                names.Add(node["name"]!.GetValue<string>());
            }

            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        var words = names.SelectMany(n => n.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 3 && w.All(char.IsLetter)).Distinct().Order(StringComparer.Ordinal).ToList();
        // Every category holding products (the category facet of match-all: its value is the slug).
        return new CatalogSample(slugs, names, Values("categories"), words, Values("brands"), Values("sports"), Values("sizes"), Values("colours"));
    }

    public static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}

/// <summary>One request of the mix: its shape (for the report), the full body, and the APQ bodies (hash only, then hash and query).</summary>
internal sealed record MixRequest(string Shape, byte[] Body, byte[] HashOnlyBody);

/// <summary>
/// The storefront's own GraphQL documents (services/storefront/lib/catalog.ts) with the variables a shopper's clicks
/// give them. Three kinds of page, each Zipf-distributed over its own items (a few popular, a long tail): searches
/// (45%: text from product names, a quarter with a typo, facet filters, sorts, later pages), product pages (40%),
/// category pages (15%: the category, then its listing).
/// </summary>
internal sealed class RequestMix
{
    public const double ZipfExponent = 1.0;
    public const int PageSize = 24;

    private const string SummaryFields = "id slug name brand { slug name } images price { amountMinor currency } listPrice { amountMinor currency } onSale inStock";
    private const string FacetFields = "value label count";

    public const string SearchDocument = $$"""
        query Search($query: String, $filters: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
          search(query: $query, filters: $filters, sort: $sort, first: $first, after: $after) {
            totalCount
            nodes { {{SummaryFields}} }
            pageInfo { endCursor hasNextPage }
            facets { categories { {{FacetFields}} } brands { {{FacetFields}} } sports { {{FacetFields}} } sizes { {{FacetFields}} }
                     colours { {{FacetFields}} } priceBands { {{FacetFields}} } inStock { {{FacetFields}} } }
          }
        }
        """;

    public const string ProductDocument = $$"""
        query Product($slug: String!) {
          product(slug: $slug) {
            {{SummaryFields}} number description ageGroup
            category { slug name breadcrumbs { slug name } }
            attributes { name value }
            variants { id sku size colour price { amountMinor currency } listPrice { amountMinor currency } compareAtPrice { amountMinor currency } inStock }
          }
        }
        """;

    public const string CategoryDocument = """
        query Category($slug: String!) {
          category(slug: $slug) { id slug name depth children { slug name } breadcrumbs { slug name } }
        }
        """;

    private readonly MixRequest[] _searches;
    private readonly MixRequest[] _products;
    private readonly string[] _productSlugs;
    private readonly MixRequest[][] _categoryPages;
    private readonly Zipf _searchRank, _productRank, _categoryRank;
    private readonly double[] _kindWeights;

    public RequestMix(CatalogSample catalog, int seed, string[] shapes)
    {
        var random = new Random(seed);
        var searches = new Dictionary<string, object>();
        while (searches.Count < 600)
        {
            var variables = RandomSearch(catalog, random);
            searches.TryAdd(JsonSerializer.Serialize(variables), variables);
        }

        _searches = [.. searches.Values.Select(v => Request("search", "Search", SearchDocument, v))];
        _productSlugs = [.. catalog.ProductSlugs];
        _products = [.. _productSlugs.Select(slug => Request("product", "Product", ProductDocument, new { slug }))];
        _categoryPages = [.. catalog.CategorySlugs.Select(slug => new[]
        {
            Request("category", "Category", CategoryDocument, new { slug }),
            Request("category listing", "Search", SearchDocument, new { query = (string?)null, filters = new { category = slug }, sort = "RELEVANCE", first = PageSize, after = (string?)null }),
        })];
        // Popularity is not alphabetical: ranks are a seeded shuffle of each list.
        random.Shuffle(_searches);
        var productOrder = Enumerable.Range(0, _products.Length).ToArray();
        random.Shuffle(productOrder);
        _products = [.. productOrder.Select(i => _products[i])];
        _productSlugs = [.. productOrder.Select(i => _productSlugs[i])];
        random.Shuffle(_categoryPages);
        _searchRank = new Zipf(_searches.Length);
        _productRank = new Zipf(_products.Length);
        _categoryRank = new Zipf(_categoryPages.Length);
        _kindWeights = [shapes.Contains("search") ? 0.45 : 0, shapes.Contains("product") ? 0.40 : 0, shapes.Contains("category") ? 0.15 : 0];
    }

    public int DistinctSearches => _searches.Length;

    /// <summary>The requests of the next page a shopper opens (a category page is two).</summary>
    public MixRequest[] Next(Random random)
    {
        var pick = random.NextDouble() * _kindWeights.Sum();
        if ((pick -= _kindWeights[0]) < 0) return [NextSearch(random)];
        if ((pick -= _kindWeights[1]) < 0) return [NextProduct(random)];
        return NextCategoryPage(random);
    }

    public MixRequest NextSearch(Random random) => _searches[_searchRank.Next(random)];

    public MixRequest NextProduct(Random random) => _products[_productRank.Next(random)];

    /// <summary>A product drawn by the same popularity as its page: what shoppers look at is what sells out.</summary>
    public string NextProductSlug(Random random) => _productSlugs[_productRank.Next(random)];

    /// <summary>The category, then its listing.</summary>
    public MixRequest[] NextCategoryPage(Random random) => _categoryPages[_categoryRank.Next(random)];

    private static object RandomSearch(CatalogSample catalog, Random random)
    {
        string? text = null;
        if (random.NextDouble() < 0.75)
        {
            var name = catalog.ProductNames[random.Next(catalog.ProductNames.Count)].ToLowerInvariant().Split(' ');
            var words = random.NextDouble() < 0.6 ? [name[random.Next(name.Length)]] : name.Skip(random.Next(Math.Max(1, name.Length - 1))).Take(2).ToArray();
            text = string.Join(' ', words.Select(w => random.NextDouble() < 0.25 ? Typo(w, random) : w));
        }

        string[]? Some(List<string> values, double probability) =>
            random.NextDouble() < probability ? [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => values[random.Next(values.Count)]).Distinct()] : null;
        var minPrice = random.NextDouble() < 0.15 ? random.Next(1, 8) * 2500 : (int?)null;
        var filters = new
        {
            category = random.NextDouble() < 0.25 ? catalog.CategorySlugs[random.Next(catalog.CategorySlugs.Count)] : null,
            brands = Some(catalog.Brands, 0.2),
            sports = Some(catalog.Sports, 0.2),
            sizes = Some(catalog.Sizes, 0.2),
            colours = Some(catalog.Colours, 0.15),
            minPrice,
            maxPrice = minPrice + 5000,
            inStock = random.NextDouble() < 0.3 ? true : (bool?)null,
        };
        string[] sorts = ["PRICE_ASC", "PRICE_DESC", "NEWEST", "BEST_SELLING"];
        var sort = text is not null && random.NextDouble() < 0.7 ? "RELEVANCE" : sorts[random.Next(sorts.Length)];
        var page = random.NextDouble() switch { < 0.8 => 1, < 0.95 => 2, _ => 3 };
        // Cursors are what a previous page's pageInfo.endCursor gave; the driver writes them itself to skip that page.
        var after = page == 1 ? null : Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"search:{(page - 1) * PageSize}"));
        return new { query = text, filters, sort, first = PageSize, after };
    }

    /// <summary>One slip of the finger: a swapped pair, a dropped letter or a doubled one.</summary>
    private static string Typo(string word, Random random)
    {
        if (word.Length < 4) return word;
        var at = random.Next(1, word.Length - 1);
        return random.Next(3) switch
        {
            0 => string.Concat(word.AsSpan(0, at), word.AsSpan(at + 1, 1), word.AsSpan(at, 1), word.AsSpan(at + 2)),
            1 => word.Remove(at, 1),
            _ => word.Insert(at, word[at].ToString()),
        };
    }

    private static MixRequest Request(string shape, string operationName, string document, object variables)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };
        return new MixRequest(shape,
            JsonSerializer.SerializeToUtf8Bytes(new { query = document, operationName, variables, extensions }),
            JsonSerializer.SerializeToUtf8Bytes(new { operationName, variables, extensions }));
    }
}

/// <summary>Ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s, drawn by binary search over the cumulative weights.</summary>
internal sealed class Zipf
{
    private readonly double[] _cumulative;

    public Zipf(int count)
    {
        _cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++) _cumulative[i] = sum += 1 / Math.Pow(i + 1, RequestMix.ZipfExponent);
    }

    public int Next(Random random)
    {
        var at = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        return Math.Min(at < 0 ? ~at : at, _cumulative.Length - 1);
    }
}
