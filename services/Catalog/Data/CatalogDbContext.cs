using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Catalog.Brands;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Sports;
using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Data;

/// <summary>
/// The catalog's model, shared by both providers. Each provider has its own subclass
/// (<see cref="SqliteCatalogDbContext"/>, <see cref="PostgresCatalogDbContext"/>) and so its own migration set.
/// </summary>
public abstract class CatalogDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Variant> Variants => Set<Variant>();

    public DbSet<Brand> Brands => Set<Brand>();

    public DbSet<Sport> Sports => Set<Sport>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<FlashSale> FlashSales => Set<FlashSale>();

    public DbSet<StockLevel> StockLevels => Set<StockLevel>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.Entity<Brand>(brand =>
        {
            brand.HasIndex(b => b.Slug).IsUnique();
            brand.Property(b => b.Name).HasMaxLength(100);
            brand.Property(b => b.Slug).HasMaxLength(100);
            brand.Property(b => b.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Sport>(sport =>
        {
            sport.HasIndex(s => s.Slug).IsUnique();
            sport.Property(s => s.Name).HasMaxLength(100);
            sport.Property(s => s.Slug).HasMaxLength(100);
        });

        modelBuilder.Entity<Category>(category =>
        {
            category.HasIndex(c => c.Slug).IsUnique();
            category.HasIndex(c => c.Path);
            category.HasIndex(c => new { c.ParentId, c.SortOrder });
            category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
            category.Property(c => c.Name).HasMaxLength(100);
            category.Property(c => c.Slug).HasMaxLength(100);
            category.Property(c => c.Path).HasMaxLength(2000);
            category.Property(c => c.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Product>(product =>
        {
            product.HasIndex(p => p.Slug).IsUnique();
            product.HasIndex(p => p.Number).IsUnique();
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Slug).HasMaxLength(200);
            product.Property(p => p.Description).HasMaxLength(4000);
            product.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            product.Property(p => p.AgeGroup).HasConversion<string>().HasMaxLength(16);
            product.Property(p => p.Attributes).HasConversion(
                attributes => JsonSerializer.Serialize(attributes, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (left, right) => left != null && right != null && left.Count == right.Count && !left.Except(right).Any(),
                    attributes => attributes.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    attributes => new Dictionary<string, string>(attributes)));
            product.HasOne(p => p.Brand).WithMany().HasForeignKey(p => p.BrandId).OnDelete(DeleteBehavior.Restrict);
            product.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
            product.HasMany(p => p.Sports).WithMany(s => s.Products).UsingEntity("ProductSports");
            product.HasMany(p => p.Variants).WithOne(v => v.Product).HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
            product.Property(p => p.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Variant>(variant =>
        {
            variant.HasIndex(v => v.Sku).IsUnique();
            variant.Property(v => v.Sku).HasMaxLength(64);
            variant.Property(v => v.Size).HasMaxLength(64);
            variant.Property(v => v.Colour).HasMaxLength(64);
            variant.Property(v => v.Currency).HasMaxLength(3).IsFixedLength();
            variant.Property(v => v.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<FlashSale>(sale =>
        {
            sale.HasIndex(s => new { s.State, s.StartsAt });
            sale.Property(s => s.Name).HasMaxLength(200);
            sale.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            sale.Property(s => s.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<StockLevel>(level =>
        {
            level.HasKey(l => l.Sku);
            level.Property(l => l.Sku).HasMaxLength(StockLevel.MaxSkuLength);
        });
    }
}
