using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Payments.Ledger;
using SpaceOfSport.Payments.Payments;
using SpaceOfSport.Payments.Refunds;
using SpaceOfSport.Payments.Webhooks;

namespace SpaceOfSport.Payments.Data;

/// <summary>
/// Payments, refunds, the money ledger, the Stripe events already handled, and the outbox. One subclass per provider
/// (<see cref="SqlitePaymentsDbContext"/>, <see cref="PostgresPaymentsDbContext"/>), each with its migrations.
/// </summary>
public abstract class PaymentsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<ProcessedStripeEvent> ProcessedEvents => Set<ProcessedStripeEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.HasKey(p => p.Id);
            payment.Property(p => p.Id).ValueGeneratedNever();
            // One PaymentIntent per order, whatever races to create it.
            payment.HasIndex(p => p.OrderId).IsUnique();
            payment.HasIndex(p => p.PaymentIntentId).IsUnique();
            payment.Property(p => p.PaymentIntentId).HasMaxLength(255);
            payment.Property(p => p.ClientSecret).HasMaxLength(255);
            payment.Property(p => p.Currency).HasMaxLength(3);
            payment.Property(p => p.Status).HasMaxLength(40);
            payment.Property(p => p.LastFailureKey).HasMaxLength(255);
            payment.Property(p => p.FailureCode).HasMaxLength(100);
            payment.Property(p => p.DeclineCode).HasMaxLength(100);
            payment.Property(p => p.ActionUrl).HasMaxLength(2000);
            payment.Property(p => p.Version).IsConcurrencyToken();
            payment.Ignore(p => p.Refundable);
        });

        modelBuilder.Entity<Refund>(refund =>
        {
            refund.ToTable("refunds");
            refund.HasKey(r => r.Id);
            refund.Property(r => r.Id).ValueGeneratedNever();
            refund.HasIndex(r => new { r.PaymentId, r.RequestKey }).IsUnique();
            refund.HasIndex(r => r.StripeRefundId).IsUnique();
            refund.Property(r => r.RequestKey).HasMaxLength(255);
            refund.Property(r => r.StripeRefundId).HasMaxLength(255);
            refund.Property(r => r.Currency).HasMaxLength(3);
            refund.Property(r => r.Reason).HasMaxLength(40);
            refund.Property(r => r.Status).HasMaxLength(40);
            refund.Property(r => r.FailureReason).HasMaxLength(100);
            refund.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.HasIndex(e => new { e.OrderId, e.OccurredAt });
            entry.Property(e => e.Kind).HasMaxLength(40);
            entry.Property(e => e.Currency).HasMaxLength(3);
            entry.Property(e => e.StripeObjectId).HasMaxLength(255);
            entry.Property(e => e.Actor).HasMaxLength(100);
        });

        modelBuilder.Entity<ProcessedStripeEvent>(processed =>
        {
            processed.ToTable("processed_stripe_events");
            processed.HasKey(e => e.EventId);
            processed.Property(e => e.EventId).HasMaxLength(255);
            processed.Property(e => e.Type).HasMaxLength(100);
            processed.Property(e => e.ReceivedVia).HasMaxLength(20);
        });

        modelBuilder.AddOutbox();
    }
}
