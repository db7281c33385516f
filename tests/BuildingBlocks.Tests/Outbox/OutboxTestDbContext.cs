using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;

namespace SpaceOfSport.BuildingBlocks.Tests.Outbox;

/// <summary>A context with nothing but the outbox, as a service's context maps it.</summary>
public sealed class OutboxTestDbContext(DbContextOptions<OutboxTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutbox();
}
