using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// The catalog's price now for each SKU (<c>GET /api/skus</c> on app-id catalog through Dapr service invocation), never
/// cached: an order is charged what the catalog says at the moment it is placed.
/// </summary>
public sealed class CatalogClient(HttpClient http)
{
    public const string AppId = "catalog";

    /// <summary>Which product, size and colour each SKU is (unknown SKUs left out), e.g. to offer another size of the same product.</summary>
    public async Task<IReadOnlyDictionary<string, CatalogSkuFacts>> GetFactsAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var query = string.Join('&', skus.Select(s => "sku=" + Uri.EscapeDataString(s)));
        try
        {
            var answer = await http.GetFromJsonAsync<CatalogFactsLookup>($"/api/skus?{query}", JsonConventions.Create(), cancellationToken);
            return (answer?.Items ?? []).ToDictionary(i => i.Sku, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DependencyUnavailableException(AppId, exception);
        }
    }

    public async Task<IReadOnlyDictionary<string, CatalogPrice>> GetAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var query = string.Join('&', skus.Select(s => "sku=" + Uri.EscapeDataString(s)));
        try
        {
            var answer = await http.GetFromJsonAsync<CatalogPriceLookup>($"/api/skus?{query}", JsonConventions.Create(), cancellationToken);
            return (answer?.Items ?? []).Where(i => i.IsSellable).ToDictionary(i => i.Sku, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DependencyUnavailableException(AppId, exception);
        }
    }
}

/// <summary>A SKU's product, size and colour, and whether it is on sale.</summary>
public sealed record CatalogSkuFacts(string Sku, Guid ProductId, string Size, string Colour, string Status)
{
    public bool IsSellable => string.Equals(Status, "Active", StringComparison.OrdinalIgnoreCase);
}

public sealed record CatalogFactsLookup(IReadOnlyList<CatalogSkuFacts> Items);

/// <summary>What the catalog sells a SKU for now (a running flash sale applied).</summary>
public sealed record CatalogPrice(string Sku, string ProductName, string Size, string Colour, string Status, long PriceMinor, string Currency)
{
    public bool IsSellable => string.Equals(Status, "Active", StringComparison.OrdinalIgnoreCase);
}

public sealed record CatalogPriceLookup(IReadOnlyList<CatalogPrice> Items);
