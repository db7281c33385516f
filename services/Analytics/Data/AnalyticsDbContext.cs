using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SpaceOfSport.Analytics.Events;
using SpaceOfSport.Analytics.FlashSales;
using SpaceOfSport.Analytics.Products;
using SpaceOfSport.Analytics.Recommendations;
using SpaceOfSport.Analytics.Rollups;
using SpaceOfSport.Analytics.Stock;

namespace SpaceOfSport.Analytics.Data;

/// <summary>
/// Raw events (for the retention window), their hourly and daily rollups, stock-outs, last known prices and the
/// co-purchase model. One subclass per provider (<see cref="SqliteAnalyticsDbContext"/>, <see cref="PostgresAnalyticsDbContext"/>),
/// each with its migrations.
/// </summary>
public abstract class AnalyticsDbContext(DbContextOptions options) : DbContext(options)
{
    private static readonly JsonSerializerOptions LinesJson = new(JsonSerializerDefaults.Web);

    public DbSet<RecordedEvent> Events => Set<RecordedEvent>();

    public DbSet<Rollup> Rollups => Set<Rollup>();

    public DbSet<SkuStock> SkuStocks => Set<SkuStock>();

    public DbSet<StockOut> StockOuts => Set<StockOut>();

    public DbSet<SkuPrice> SkuPrices => Set<SkuPrice>();

    public DbSet<ProductPurchases> ProductPurchases => Set<ProductPurchases>();

    public DbSet<CoPurchase> CoPurchases => Set<CoPurchase>();

    public DbSet<SkuProduct> SkuProducts => Set<SkuProduct>();

    public DbSet<ProductFacts> ProductFacts => Set<ProductFacts>();

    public DbSet<FlashSale> FlashSales => Set<FlashSale>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RecordedEvent>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever(); // the sender's id: the dedupe key
            e.Property(x => x.Type).HasMaxLength(EventTypes.MaxLength);
            e.Property(x => x.VisitorId).HasMaxLength(RecordedEvent.MaxVisitorIdLength);
            e.Property(x => x.Sku).HasMaxLength(RecordedEvent.MaxSkuLength);
            e.Property(x => x.Path).HasMaxLength(RecordedEvent.MaxPathLength);
            e.Property(x => x.Query).HasMaxLength(RecordedEvent.MaxQueryLength);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Lines).HasConversion(
                lines => JsonSerializer.Serialize(lines, LinesJson),
                json => JsonSerializer.Deserialize<List<EventLine>>(json, LinesJson) ?? new List<EventLine>(),
                new ValueComparer<List<EventLine>>((a, b) => a!.SequenceEqual(b!), lines => lines.Aggregate(0, (hash, line) => HashCode.Combine(hash, line)), lines => lines.ToList()));
            e.HasIndex(x => x.OccurredAt); // retention sweeps
            e.HasIndex(x => new { x.UserId, x.OccurredAt }); // a customer's recent views
        });

        modelBuilder.Entity<Rollup>(r =>
        {
            r.ToTable("rollups");
            r.HasKey(x => new { x.Metric, x.Granularity, x.BucketStart, x.Dimension });
            r.Property(x => x.Metric).HasColumnName("metric").HasMaxLength(32);
            r.Property(x => x.Granularity).HasColumnName("granularity").HasMaxLength(4);
            r.Property(x => x.BucketStart).HasColumnName("bucket_start");
            r.Property(x => x.Dimension).HasColumnName("dimension").HasMaxLength(200);
            r.Property(x => x.EventCount).HasColumnName("event_count");
            r.Property(x => x.Total).HasColumnName("total");
        });

        modelBuilder.Entity<SkuStock>(s =>
        {
            s.ToTable("sku_stock");
            s.HasKey(x => x.Sku);
            s.Property(x => x.Sku).HasMaxLength(RecordedEvent.MaxSkuLength);
        });

        modelBuilder.Entity<StockOut>(s =>
        {
            s.ToTable("stock_outs");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.Sku).HasMaxLength(RecordedEvent.MaxSkuLength);
            s.HasIndex(x => new { x.Sku, x.StartedAt });
        });

        modelBuilder.Entity<SkuPrice>(p =>
        {
            p.ToTable("sku_prices");
            p.HasKey(x => x.Sku);
            p.Property(x => x.Sku).HasMaxLength(RecordedEvent.MaxSkuLength);
            p.Property(x => x.Currency).HasMaxLength(3);
        });

        modelBuilder.Entity<SkuProduct>(p =>
        {
            p.ToTable("sku_products");
            p.HasKey(x => x.Sku);
            p.Property(x => x.Sku).HasMaxLength(RecordedEvent.MaxSkuLength);
            p.Property(x => x.Size).HasMaxLength(16);
            p.HasIndex(x => x.ProductId);
            p.HasIndex(x => x.VariantId);
        });

        modelBuilder.Entity<ProductFacts>(p =>
        {
            p.ToTable("product_facts");
            p.HasKey(x => x.ProductId);
            p.Property(x => x.ProductId).ValueGeneratedNever();
            p.Property(x => x.Currency).HasMaxLength(3);
            p.HasIndex(x => new { x.TopCategoryId, x.Active });
        });

        modelBuilder.Entity<FlashSale>(f =>
        {
            f.ToTable("flash_sales");
            f.HasKey(x => x.Id);
            f.Property(x => x.Id).ValueGeneratedNever();
            f.Property(x => x.Name).HasMaxLength(FlashSale.MaxNameLength);
            f.HasIndex(x => x.StartsAt);
        });

        modelBuilder.Entity<ProductPurchases>(p =>
        {
            p.ToTable("product_purchases");
            p.HasKey(x => x.ProductId);
            p.Property(x => x.ProductId).HasColumnName("product_id");
            p.Property(x => x.Orders).HasColumnName("orders");
        });

        modelBuilder.Entity<CoPurchase>(c =>
        {
            c.ToTable("co_purchases");
            c.HasKey(x => new { x.ProductId, x.OtherProductId });
            c.Property(x => x.ProductId).HasColumnName("product_id");
            c.Property(x => x.OtherProductId).HasColumnName("other_product_id");
            c.Property(x => x.Orders).HasColumnName("orders");
        });
    }
}
