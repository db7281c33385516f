using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Audit.Checkpoints;
using SpaceOfSport.Audit.Ledger;

namespace SpaceOfSport.Audit.Data;

/// <summary>
/// The ledger and its signed checkpoints, both insert-only (the migrations add what refuses updates and deletes on each
/// provider). One subclass per provider (<see cref="SqliteAuditDbContext"/>, <see cref="PostgresAuditDbContext"/>).
/// </summary>
public abstract class AuditDbContext(DbContextOptions options) : DbContext(options)
{
    public const string EntriesTable = "ledger_entries";
    public const string CheckpointsTable = "ledger_checkpoints";

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    public DbSet<Checkpoint> Checkpoints => Set<Checkpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable(EntriesTable);
            // The sequence is the key: two writers that read the same head cannot both insert the next number (no fork).
            entry.HasKey(e => e.Sequence);
            entry.Property(e => e.Sequence).ValueGeneratedNever();
            entry.Property(e => e.Actor).HasMaxLength(LedgerEntry.MaxActorLength);
            entry.Property(e => e.Action).HasMaxLength(LedgerEntry.MaxActionLength);
            entry.Property(e => e.Subject).HasMaxLength(LedgerEntry.MaxSubjectLength);
            entry.Property(e => e.BeforeDigest).HasMaxLength(64);
            entry.Property(e => e.AfterDigest).HasMaxLength(64);
            entry.Property(e => e.SourceEventId).HasMaxLength(LedgerEntry.MaxSourceEventIdLength);
            entry.Property(e => e.PreviousHash).HasMaxLength(64);
            entry.Property(e => e.Hash).HasMaxLength(64);
            // Idempotent feeding: a redelivered event or a retried append finds its entry instead of adding one.
            entry.HasIndex(e => e.SourceEventId).IsUnique();
            entry.HasIndex(e => new { e.Actor, e.Sequence });
            entry.HasIndex(e => new { e.Subject, e.Sequence });
            entry.HasIndex(e => e.RecordedAt);
        });

        modelBuilder.Entity<Checkpoint>(checkpoint =>
        {
            checkpoint.ToTable(CheckpointsTable);
            checkpoint.HasKey(c => c.Sequence);
            checkpoint.Property(c => c.Sequence).ValueGeneratedNever();
            checkpoint.Property(c => c.HeadHash).HasMaxLength(64);
            checkpoint.Property(c => c.KeyId).HasMaxLength(100);
            checkpoint.Property(c => c.Jws).HasMaxLength(2000);
        });
    }
}
