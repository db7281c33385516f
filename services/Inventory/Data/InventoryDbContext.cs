using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Inventory.Reservations;
using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory.Data;

/// <summary>
/// Stock, reservations and the outbox. One subclass per provider (<see cref="SqliteInventoryDbContext"/>,
/// <see cref="PostgresInventoryDbContext"/>) so each has its own migration set.
/// </summary>
public abstract class InventoryDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StockItem> Stock => Set<StockItem>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<ReservationLine> ReservationLines => Set<ReservationLine>();

    public DbSet<Restock> Restocks => Set<Restock>();

    /// <summary>
    /// Makes every other transaction that changes stock of one of <paramref name="skus"/> (at any location, existing or
    /// not yet) wait until the current transaction ends. Call it inside the transaction, before its first stock change,
    /// with every SKU the transaction will touch: then the SKU's total over all locations, read after the change, is
    /// exact, so back-in-stock is published neither twice nor never.
    /// </summary>
    public abstract Task LockSkusAsync(IEnumerable<string> skus, CancellationToken cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StockItem>(item =>
        {
            item.ToTable("stock_items", table =>
                table.HasCheckConstraint("ck_stock_items_never_negative", "reserved >= 0 AND on_hand >= reserved"));
            item.HasKey(i => new { i.Sku, i.Location });
            item.Property(i => i.Sku).HasColumnName("sku").HasMaxLength(StockItem.MaxKeyLength);
            item.Property(i => i.Location).HasColumnName("location").HasMaxLength(StockItem.MaxKeyLength);
            item.Property(i => i.OnHand).HasColumnName("on_hand");
            item.Property(i => i.Reserved).HasColumnName("reserved");
            item.Property(i => i.LowStockThreshold).HasColumnName("low_stock_threshold");
            item.Property(i => i.Version).HasColumnName("version").IsConcurrencyToken();
            item.Ignore(i => i.Available);
        });

        modelBuilder.Entity<Reservation>(reservation =>
        {
            reservation.ToTable("reservations");
            reservation.HasKey(r => r.Id);
            reservation.Property(r => r.Id).HasColumnName("id").HasMaxLength(Reservation.MaxIdLength);
            reservation.Property(r => r.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            reservation.Property(r => r.CreatedAt).HasColumnName("created_at");
            reservation.Property(r => r.ExpiresAt).HasColumnName("expires_at");
            reservation.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId);
            // The sweep: pending reservations past their expiry. The staff list: newest first.
            reservation.HasIndex(r => new { r.Status, r.ExpiresAt });
            reservation.HasIndex(r => new { r.CreatedAt, r.Id });
        });

        modelBuilder.Entity<ReservationLine>(line =>
        {
            line.ToTable("reservation_lines");
            line.HasKey(l => l.Id);
            line.Property(l => l.Id).HasColumnName("id");
            line.Property(l => l.ReservationId).HasColumnName("reservation_id");
            line.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(64);
            line.Property(l => l.Location).HasColumnName("location").HasMaxLength(64);
            line.Property(l => l.Quantity).HasColumnName("quantity");
        });

        modelBuilder.Entity<Restock>(restock =>
        {
            restock.ToTable("restocks");
            restock.HasKey(r => r.Id);
            restock.Property(r => r.Id).HasColumnName("id").HasMaxLength(Restock.MaxIdLength);
            restock.Property(r => r.Location).HasColumnName("location").HasMaxLength(StockItem.MaxKeyLength);
            restock.Property(r => r.Lines).HasColumnName("lines");
            restock.Property(r => r.Reason).HasColumnName("reason").HasMaxLength(Restock.MaxReasonLength);
            restock.Property(r => r.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.AddOutbox();
    }
}
