using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Cart.Carts;

namespace SpaceOfSport.Cart.CatalogPrices;

/// <summary>
/// The catalog's SKU facts through Dapr service invocation (<c>GET /api/skus</c> on app-id catalog), cached for
/// <see cref="CartOptions.CatalogCacheTtl"/>; price, product and flash-sale events drop entries sooner. Unknown SKUs are
/// cached too (as null), so a bad SKU cannot make every request call the catalog.
/// </summary>
public sealed class CatalogClient(HttpClient http, IOptions<CartOptions> options, TimeProvider clock)
{
    public const string AppId = "catalog";

    private const int MaxSkusPerCall = 100;

    private readonly ConcurrentDictionary<string, (CatalogSku? Sku, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>The known SKUs among <paramref name="skus"/>, by SKU (unknown ones are absent).</summary>
    public async Task<IReadOnlyDictionary<string, CatalogSku>> GetAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = new Dictionary<string, CatalogSku>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var sku in skus.Distinct(StringComparer.Ordinal))
        {
            if (_cache.TryGetValue(sku, out var cached) && cached.Expires > now)
            {
                if (cached.Sku is not null) found[sku] = cached.Sku;
            }
            else
            {
                missing.Add(sku);
            }
        }

        foreach (var chunk in missing.Chunk(MaxSkusPerCall))
        {
            var query = string.Join('&', chunk.Select(s => "sku=" + Uri.EscapeDataString(s)));
            CatalogSkuLookup? answer;
            try
            {
                answer = await http.GetFromJsonAsync<CatalogSkuLookup>($"/api/skus?{query}", JsonConventions.Create(), cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
            {
                throw new DependencyUnavailableException(AppId, exception);
            }

            var expires = clock.GetUtcNow() + options.Value.CatalogCacheTtl;
            var byName = (answer?.Items ?? []).ToDictionary(s => s.Sku, StringComparer.Ordinal);
            foreach (var sku in chunk)
            {
                byName.TryGetValue(sku, out var item);
                // A sale ending drops its price with the entry; the sale's end event does too.
                var until = item?.FlashSale is { } sale && sale.EndsAt < expires ? sale.EndsAt : expires;
                _cache[sku] = (item, until);
                if (item is not null) found[sku] = item;
            }
        }

        return found;
    }

    public async Task<CatalogSku?> GetAsync(string sku, CancellationToken cancellationToken) =>
        (await GetAsync([sku], cancellationToken)).GetValueOrDefault(sku);

    /// <summary>Drops what is known about <paramref name="skus"/> (a price or product changed).</summary>
    public void Forget(IEnumerable<string> skus)
    {
        foreach (var sku in skus) _cache.TryRemove(sku, out _);
    }

    /// <summary>Drops everything (a flash sale started or ended: it may cover any SKU).</summary>
    public void ForgetAll() => _cache.Clear();
}
