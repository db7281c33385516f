using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Products;

namespace SpaceOfSport.Catalog.Seed;

/// <summary>Loads <see cref="SeedCatalog"/> into an empty catalog database (the embedded profile's first run).</summary>
public static class CatalogSeeder
{
    public static async Task<bool> SeedIfEmptyAsync(CatalogDbContext db, int productCount = SeedCatalog.DefaultProductCount, CancellationToken cancellationToken = default)
    {
        if (await db.Products.AnyAsync(cancellationToken) || await db.Categories.AnyAsync(cancellationToken)) return false;
        var seed = new SeedCatalog(productCount);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Sports.AddRange(seed.Sports);
        db.Brands.AddRange(seed.Brands);
        // Parents first: the tree's foreign key points at the parent row.
        foreach (var level in seed.Categories.GroupBy(c => c.Depth).OrderBy(g => g.Key))
        {
            db.Categories.AddRange(level);
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var batch in seed.Products.Chunk(500))
        {
            db.Products.AddRange(batch);
            // Other services learn the seeded products (inventory stocks their SKUs) like any new product.
            foreach (var product in batch) db.AddIntegrationEvent(ProductEvents.Changed(product));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var sport in seed.Sports) db.Sports.Attach(sport);
            foreach (var brand in seed.Brands) db.Brands.Attach(brand);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
        return true;
    }
}
