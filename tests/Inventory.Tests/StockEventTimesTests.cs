using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Inventory.Data;
using SpaceOfSport.Inventory.Reservations;
using SpaceOfSport.Inventory.Stock;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>Every stock event is stamped by the service's clock, so its time is the one the change was made at.</summary>
public sealed class StockEventTimesTests
{
    // Far from the machine's clock, so a time read from anywhere else cannot match.
    private static readonly DateTimeOffset Now = new(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public async Task Registration_adjustment_and_reservation_events_occur_at_the_clocks_time()
    {
        var connectionString = await TestDatabases.CreateAsync(TestDatabases.Sqlite, "inventory");
        await using var db = ServiceDatabase.CreateContext<InventoryDbContext, SqliteInventoryDbContext, PostgresInventoryDbContext>(TestDatabases.Sqlite, connectionString);
        await db.Database.MigrateAsync();
        var clock = new FakeTimeProvider(Now);
        var sku = InventoryCalls.NewSku();

        await new SkuRegistrar(db, Options.Create(new OpeningStockOptions { Enabled = false }), clock).RegisterAsync([sku], CancellationToken.None);
        await new StockService(db, clock).AdjustAsync(sku, SkuRegistrar.Location, 8, "received", CancellationToken.None);
        await new ReservationService(db, clock).ReserveAsync(InventoryCalls.NewReservationId(), [new ReservationRequestLine(sku, 4)], TimeSpan.FromMinutes(5), CancellationToken.None);

        var events = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Payload.Contains(sku)).ToListAsync();
        events.Select(e => e.EventType).Should().Contain([
            IntegrationEvent.CloudEventType<StockChanged>(),
            IntegrationEvent.CloudEventType<BackInStock>(),
            IntegrationEvent.CloudEventType<LowStock>(),
        ]);
        events.Should().AllSatisfy(e => e.OccurredAt.Should().Be(Now, e.EventType));
        events.Should().AllSatisfy(e => e.Payload.Should().Contain("\"occurredAt\":\"2031-03-04T05:06:07", e.EventType));
    }
}
