using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Products;

namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// Keeps the <see cref="SearchIndex"/> current: a full build at start, then, after each committed change, the changed
/// products reloaded (or everything, for tree, brand and flash-sale changes) and a new snapshot swapped in. Changes
/// arriving together are coalesced, so a burst costs one rebuild.
/// </summary>
public sealed partial class SearchIndexUpdater(IServiceScopeFactory scopes, SearchIndex index, ILogger<SearchIndexUpdater> logger) : BackgroundService
{
    private readonly Channel<Guid?> _changes = Channel.CreateUnbounded<Guid?>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Incremented after each swap (tests and benchmarks wait on it).</summary>
    public long Generation { get; private set; }

    public void ProductChanged(Guid productId) => _changes.Writer.TryWrite(productId);

    public void EverythingChanged() => _changes.Writer.TryWrite(null);

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var categories = await LoadCategoriesAsync(db, cancellationToken);
        var products = await LoadProductsAsync(db, categories, null, cancellationToken);
        var sales = await db.FlashSales.AsNoTracking().Where(s => s.State != FlashSaleState.Ended).ToListAsync(cancellationToken);
        Publish(new SearchSnapshot(products, categories.Values, sales));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _changes.Reader.WaitToReadAsync(stoppingToken))
        {
            var everything = false;
            var changed = new HashSet<Guid>();
            while (_changes.Reader.TryRead(out var change))
            {
                if (change is { } productId) changed.Add(productId);
                else everything = true;
            }

            try
            {
                if (everything) await RebuildAsync(stoppingToken);
                else await RefreshAsync(changed, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(exception);
                EverythingChanged();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task RefreshAsync(HashSet<Guid> changed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var current = index.Current;
        // The tree as committed, not as the snapshot knows it: another replica may have added the product's category.
        var categories = await LoadCategoriesAsync(db, cancellationToken);
        var reloaded = await LoadProductsAsync(db, categories, changed, cancellationToken);
        var products = current.Products.Where(p => !changed.Contains(p.Id)).Concat(reloaded);
        Publish(new SearchSnapshot(products, categories.Values, current.FlashSales));
    }

    private void Publish(SearchSnapshot snapshot)
    {
        index.Swap(snapshot);
        Generation++;
    }

    private static async Task<Dictionary<Guid, CategoryNode>> LoadCategoriesAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().ToListAsync(cancellationToken);
        return categories.ToDictionary(c => c.Id, CategoryNode.From);
    }

    private async Task<List<ProductDocument>> LoadProductsAsync(CatalogDbContext db, Dictionary<Guid, CategoryNode> categories, HashSet<Guid>? only, CancellationToken cancellationToken)
    {
        var brands = await db.Brands.AsNoTracking().ToDictionaryAsync(b => b.Id, cancellationToken);
        var query = db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Sports).AsSplitQuery().Where(p => p.Status == ProductStatus.Active);
        if (only is not null) query = query.Where(p => only.Contains(p.Id));
        var products = await query.ToListAsync(cancellationToken);
        return [.. products.Select(p => ProductDocument.From(p, brands, categories, index.Stock))];
    }

    [LoggerMessage(LogLevel.Error, "Refreshing the search index failed; rebuilding")]
    private partial void LogRefreshFailed(Exception exception);
}
