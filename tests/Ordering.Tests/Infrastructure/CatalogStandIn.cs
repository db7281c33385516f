extern alias cart;
using System.Collections.Concurrent;
using LocalDapr;
using LocalDapr.Sidecar;
using SpaceOfSport.BuildingBlocks;
using CatalogSku = cart::SpaceOfSport.Cart.CatalogPrices.CatalogSku;
using CatalogSkuLookup = cart::SpaceOfSport.Cart.CatalogPrices.CatalogSkuLookup;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>
/// A stand-in for the catalog (app-id catalog behind its own sidecar) answering <c>GET /api/skus</c>, which cart and
/// ordering both read, from SKUs the test defines: a test changes a price between the cart and the order directly.
/// </summary>
public sealed class CatalogStandIn : IAsyncDisposable
{
    private static readonly Guid Brand = Guid.CreateVersion7();
    private static readonly Guid Footwear = Guid.CreateVersion7();

    private readonly ConcurrentDictionary<string, CatalogSku> _skus = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private LocalSidecar? _sidecar;

    public static async Task<CatalogStandIn> StartAsync(LocalDaprRuntime runtime, IReadOnlyList<string> resourcesPaths)
    {
        var catalog = new CatalogStandIn();
        var port = FreePort.Next();
        catalog._sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "catalog", AppPort = port, ResourcesPaths = resourcesPaths });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/api/skus", (string[] sku) =>
            Results.Json(new CatalogSkuLookup([.. sku.Select(s => catalog._skus.GetValueOrDefault(s)).OfType<CatalogSku>()]), JsonConventions.Create()));
        await app.StartAsync();
        catalog._app = app;
        await catalog._sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return catalog;
    }

    /// <summary>A new running shoe on sale at <paramref name="priceMinor"/> euro cents.</summary>
    public string NewShoe(long priceMinor = 10_000)
    {
        var sku = new CatalogSku($"T-shoe-{Guid.NewGuid():N}", Guid.CreateVersion7(), Guid.CreateVersion7(), "Test runner", "42", "Black", "Active", "Unisex",
            Brand, Footwear, [Footwear], ["footwear"], priceMinor, priceMinor, "EUR", null, 300, 320, 210, 120);
        _skus[sku.Sku] = sku;
        return sku.Sku;
    }

    /// <summary>One new running shoe in each of <paramref name="sizes"/> (the same product and colour): their SKUs, in that order.</summary>
    public IReadOnlyList<string> NewShoeInSizes(long priceMinor, params string[] sizes)
    {
        var product = Guid.CreateVersion7();
        return [.. sizes.Select(size =>
        {
            var sku = new CatalogSku($"T-shoe-{Guid.NewGuid():N}-{size}", product, Guid.CreateVersion7(), "Test runner", size, "Black", "Active", "Unisex",
                Brand, Footwear, [Footwear], ["footwear"], priceMinor, priceMinor, "EUR", null, 300, 320, 210, 120);
            _skus[sku.Sku] = sku;
            return sku.Sku;
        })];
    }

    public void SetPrice(string sku, long priceMinor) => _skus[sku] = _skus[sku] with { PriceMinor = priceMinor, ListPriceMinor = priceMinor };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_sidecar is not null) await _sidecar.Runtime.StopSidecarAsync(_sidecar);
    }
}
