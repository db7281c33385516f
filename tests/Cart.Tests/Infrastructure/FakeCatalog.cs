using System.Collections.Concurrent;
using LocalDapr;
using LocalDapr.Sidecar;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Cart.CatalogPrices;

namespace SpaceOfSport.Cart.Tests.Infrastructure;

/// <summary>
/// A stand-in for the catalog (app-id catalog behind its own sidecar) answering <c>GET /api/skus</c> from SKUs the test
/// defines, so tests set prices, flash sales and weights directly. Counts lookups, to prove caching.
/// </summary>
public sealed class FakeCatalog : IAsyncDisposable
{
    public static readonly Guid RunningBrand = Guid.CreateVersion7();
    public static readonly Guid OtherBrand = Guid.CreateVersion7();
    public static readonly Guid FootwearCategory = Guid.CreateVersion7();
    public static readonly Guid ClothingCategory = Guid.CreateVersion7();
    public static readonly Guid EquipmentCategory = Guid.CreateVersion7();

    private readonly ConcurrentDictionary<string, CatalogSku> _skus = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private LocalSidecar? _sidecar;
    private int _lookups;

    public int Lookups => _lookups;

    public static async Task<FakeCatalog> StartAsync(LocalDaprRuntime runtime, IReadOnlyList<string> resourcesPaths)
    {
        var catalog = new FakeCatalog();
        var port = FreePort.Next();
        catalog._sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = CatalogClient.AppId, AppPort = port, ResourcesPaths = resourcesPaths });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.ConfigureHttpJsonOptions(json => JsonConventions.Apply(json.SerializerOptions));
        var app = builder.Build();
        app.MapGet("/api/skus", (string[] sku) =>
        {
            Interlocked.Increment(ref catalog._lookups);
            return Results.Json(new CatalogSkuLookup([.. sku.Select(s => catalog._skus.GetValueOrDefault(s)).OfType<CatalogSku>()]), JsonConventions.Create());
        });
        await app.StartAsync();
        catalog._app = app;
        await catalog._sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return catalog;
    }

    /// <summary>Defines (or redefines) a SKU; returns its name.</summary>
    public string Put(CatalogSku sku)
    {
        _skus[sku.Sku] = sku;
        return sku.Sku;
    }

    /// <summary>A new active running shoe SKU (footwear) with the given price.</summary>
    public CatalogSku Shoe(long priceMinor = 9999, string ageGroup = "Unisex", Guid? brand = null) =>
        New("shoe", priceMinor, "footwear", FootwearCategory, ageGroup, brand, 300, (320, 210, 120));

    public CatalogSku Shirt(long priceMinor = 2999, string ageGroup = "Unisex", Guid? brand = null) =>
        New("shirt", priceMinor, "clothing", ClothingCategory, ageGroup, brand, 150, (300, 250, 20));

    public CatalogSku Tent(long priceMinor = 19999) =>
        New("tent", priceMinor, "equipment", EquipmentCategory, "Unisex", null, 2500, (500, 180, 180));

    public CatalogSku YogaMat(long priceMinor = 2999) =>
        New("mat", priceMinor, "equipment", EquipmentCategory, "Unisex", null, 1200, (620, 150, 150));

    private CatalogSku New(string kind, long priceMinor, string rootSlug, Guid category, string ageGroup, Guid? brand, int grams, (int L, int W, int H) size)
    {
        var sku = new CatalogSku($"T-{kind}-{Guid.NewGuid():N}", Guid.CreateVersion7(), Guid.CreateVersion7(), $"Test {kind}", "M", "Black", "Active",
            ageGroup, brand ?? RunningBrand, category, [category], [rootSlug], priceMinor, priceMinor, "EUR", null, grams, size.L, size.W, size.H);
        Put(sku);
        return sku;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_sidecar is not null) await _sidecar.Runtime.StopSidecarAsync(_sidecar);
    }
}
