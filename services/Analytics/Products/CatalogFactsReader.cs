using System.Net;

namespace SpaceOfSport.Analytics.Products;

/// <summary>The catalog did not answer (or answered an error): the event that asked is redelivered later.</summary>
public sealed class CatalogUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a product's facts from the catalog through Dapr service invocation: <c>GET /api/products/{id}</c> (brand,
/// category, sports, status, variants) and <c>GET /api/categories/{id}/breadcrumbs</c> (the category's path).
/// </summary>
public sealed class CatalogFactsReader(HttpClient http)
{
    public const string CatalogAppId = "catalog";

    public sealed record Variant(Guid Id, string Sku, string Size, long PriceMinor, string Currency);

    public sealed record Product(Guid Id, Guid BrandId, Guid CategoryId, IReadOnlyList<Guid> SportIds, string Status, IReadOnlyList<Variant> Variants);

    public sealed record Category(Guid Id);

    /// <summary>The product with its category path (root first), or null when the catalog has no such product.</summary>
    public async Task<(Product Product, IReadOnlyList<Guid> CategoryPath)?> ReadAsync(Guid productId, CancellationToken cancellationToken)
    {
        var product = await GetAsync<Product>($"api/products/{productId}", cancellationToken);
        if (product is null) return null;
        var path = await GetAsync<List<Category>>($"api/categories/{product.CategoryId}/breadcrumbs", cancellationToken);
        return (product, path is { Count: > 0 } ? [.. path.Select(c => c.Id)] : [product.CategoryId]);
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (!response.IsSuccessStatusCode) throw new CatalogUnavailableException($"the catalog answered {(int)response.StatusCode} to {path}");
            return await response.Content.ReadFromJsonAsync<T>(BuildingBlocks.JsonConventions.Create(), cancellationToken)
                ?? throw new CatalogUnavailableException($"the catalog answered nothing to {path}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CatalogUnavailableException($"the catalog cannot be reached for {path}", exception);
        }
    }
}
