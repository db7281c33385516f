using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SpaceOfSport.BuildingBlocks.Outbox;

public static class OutboxModelBuilderExtensions
{
    /// <summary>Maps <see cref="OutboxMessage"/> to the <c>outbox_messages</c> table. Call from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable(OutboxMessage.TableName);
            message.HasKey(m => m.Sequence);
            message.Property(m => m.Sequence).ValueGeneratedOnAdd();
            message.HasIndex(m => m.EventId).IsUnique();
            message.Property(m => m.EventType).HasMaxLength(200);
            message.Property(m => m.Topic).HasMaxLength(200);
            // UTC ticks: the same on SQLite (which cannot order DateTimeOffset) and PostgreSQL.
            message.Property(m => m.OccurredAt).HasConversion(UtcTicks);
            message.Property(m => m.SentAt).HasConversion(UtcTicks);
            // The dispatcher's query: pending rows in order.
            message.HasIndex(m => new { m.SentAt, m.Sequence });
        });
        return modelBuilder;
    }

    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks = new(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
