using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Ordering.Delivery;
using SpaceOfSport.Ordering.Orders;
using SpaceOfSport.Ordering.Privacy;
using SpaceOfSport.Ordering.Returns;

namespace SpaceOfSport.Ordering.Data;

/// <summary>
/// Orders with their lines and status timeline, the yearly order-number counters, and the outbox. One subclass per
/// provider (<see cref="SqliteOrderingDbContext"/>, <see cref="PostgresOrderingDbContext"/>), each with its migrations.
/// </summary>
public abstract class OrderingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<OrderStatusEntry> OrderTimeline => Set<OrderStatusEntry>();

    public DbSet<OrderNumberCounter> OrderNumberCounters => Set<OrderNumberCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.HasIndex(o => o.Number).IsUnique();
            order.HasIndex(o => new { o.UserId, o.CreatedAt });
            order.HasIndex(o => o.Email);
            order.Property(o => o.Number).HasMaxLength(20);
            order.Property(o => o.Email).HasMaxLength(320);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            order.Property(o => o.CancellationReason).HasMaxLength(60);
            order.Property(o => o.ShortSkus).HasConversion(
                skus => string.Join('\n', skus),
                text => text.Length == 0 ? new List<string>() : text.Split('\n', StringSplitOptions.None).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, sku) => HashCode.Combine(hash, sku.GetHashCode(StringComparison.Ordinal))), list => list.ToList()));
            order.Property(o => o.Currency).HasMaxLength(3);
            order.Property(o => o.PromotionCode).HasMaxLength(64);
            order.Property(o => o.ShippingMethod).HasMaxLength(40);
            order.Property(o => o.Country).HasMaxLength(2);
            order.Property(o => o.Region).HasMaxLength(10);
            order.Property(o => o.PostalCode).HasMaxLength(20);
            order.Property(o => o.RequestFingerprint).HasMaxLength(64);
            order.Property(o => o.PaymentIntentId).HasMaxLength(255);
            order.Property(o => o.PaymentClientSecret).HasMaxLength(255);
            order.Property(o => o.PaymentPageUrl).HasMaxLength(2000);
            order.Property(o => o.Version).IsConcurrencyToken();
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.Timeline).WithOne().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("order_lines");
            line.HasKey(l => new { l.OrderId, l.LineNumber });
            line.Property(l => l.Sku).HasMaxLength(64);
            line.Property(l => l.ProductName).HasMaxLength(200);
            line.Property(l => l.Size).HasMaxLength(20);
            line.Property(l => l.Colour).HasMaxLength(40);
            line.Property(l => l.TaxCategory).HasMaxLength(40);
        });

        modelBuilder.Entity<OrderStatusEntry>(entry =>
        {
            entry.ToTable("order_status_timeline");
            entry.HasKey(e => new { e.OrderId, e.Sequence });
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Reason).HasMaxLength(60);
        });

        modelBuilder.Entity<OrderNumberCounter>(counter =>
        {
            counter.ToTable("order_number_counters");
            counter.HasKey(c => c.Year);
            counter.Property(c => c.Year).ValueGeneratedNever();
        });

        modelBuilder.AddDeliveryModel();
        modelBuilder.AddPrivacyModel();
        modelBuilder.AddReturnsModel();
        modelBuilder.AddOutbox();
    }
}
