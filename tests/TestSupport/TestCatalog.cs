using System.Collections.Concurrent;
using LocalDapr;
using LocalDapr.Sidecar;

namespace SpaceOfSport.TestSupport;

/// <summary>
/// A stand-in catalog (app-id <c>catalog</c> behind a local sidecar) answering what analytics reads when a product
/// changes: <c>GET /api/products/{id}</c> and <c>GET /api/categories/{id}/breadcrumbs</c>, in the catalog's JSON shape
/// (the fields analytics reads).
/// </summary>
public sealed class TestCatalog : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, object> _products = new();
    private readonly ConcurrentDictionary<Guid, Guid[]> _paths = new();
    private WebApplication? _app;
    private LocalSidecar? _sidecar;

    public static async Task<TestCatalog> StartAsync(LocalDaprRuntime runtime, IReadOnlyList<string> resourcesPaths)
    {
        var catalog = new TestCatalog();
        var port = FreePort.Next();
        catalog._sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "catalog", AppPort = port, ResourcesPaths = resourcesPaths });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/api/products/{id:guid}", (Guid id) => catalog._products.TryGetValue(id, out var product) ? Results.Json(product) : Results.NotFound());
        app.MapGet("/api/categories/{id:guid}/breadcrumbs", (Guid id) =>
            catalog._paths.TryGetValue(id, out var path) ? Results.Json(path.Select(c => new { id = c })) : Results.NotFound());
        await app.StartAsync();
        catalog._app = app;
        await catalog._sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return catalog;
    }

    /// <summary>Declares a category with its path from the root (root first, itself last).</summary>
    public void AddCategoryPath(params Guid[] path) => _paths[path[^1]] = path;

    /// <summary>Sets what the catalog answers for a product (one variant per SKU, all at <paramref name="priceMinor"/>).</summary>
    public void SetProduct(Guid id, Guid brandId, Guid categoryId, Guid[] sportIds, long priceMinor, string status = "active", params (Guid VariantId, string Sku, string Size)[] variants) =>
        _products[id] = new
        {
            id,
            brandId,
            categoryId,
            sportIds,
            status,
            variants = variants.Select(v => new { id = v.VariantId, productId = id, sku = v.Sku, size = v.Size, priceMinor, currency = "EUR" }),
        };

    public void Remove(Guid id) => _products.TryRemove(id, out _);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_sidecar is not null) await _sidecar.Runtime.StopSidecarAsync(_sidecar);
    }
}
