using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>
/// Never oversold: many callers race for the last units of one SKU over real gRPC
/// (https://grpc.io/docs/guides/status-codes/: FAILED_PRECONDITION for the refused ones).
/// </summary>
public sealed class ConcurrencyTests(InventoryHosts hosts) : IClassFixture<InventoryHosts>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Five_hundred_parallel_reservations_for_fifty_units_reserve_exactly_fifty(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(50);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
        {
            try
            {
                await client.ReserveAsync(InventoryCalls.NewReservationId(), null, (sku, 1));
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                e.Status.Detail.Should().Contain(sku);
                return e.StatusCode;
            }
        }));

        outcomes.Count(o => o == StatusCode.OK).Should().Be(50);
        outcomes.Count(o => o == StatusCode.FailedPrecondition).Should().Be(450);
        var availability = await client.AvailabilityAsync(sku);
        (availability.OnHand, availability.Reserved, availability.Available).Should().Be((50L, 50L, 0L));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Parallel_retries_of_one_reservation_hold_its_units_once(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(10);
        var id = InventoryCalls.NewReservationId();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ReserveAsync(id, null, (sku, 3))));

        answers.Select(a => a.CreatedAt).Distinct().Should().ContainSingle("every retry gets the first answer");
        (await client.AvailabilityAsync(sku)).Reserved.Should().Be(3);
    }

    /// <summary>
    /// One global lock order (reservation, then the SKUs' locks, then stock rows): reservations over overlapping SKUs
    /// listed in opposite orders, their commits and releases, and receipts at two locations, all at once, never deadlock
    /// (a deadlock would surface as a failed call) and add up exactly.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Overlapping_multi_sku_reservations_and_receipts_in_parallel_never_deadlock(string provider)
    {
        var client = hosts[provider].Client;
        var skus = new List<string>();
        for (var i = 0; i < 4; i++) skus.Add(await client.StockedSkuAsync(1000));

        await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            var lines = skus.Where((_, j) => j != i % 4).ToList();
            if (i % 2 == 1) lines.Reverse();
            var id = InventoryCalls.NewReservationId();
            await client.ReserveAsync(id, null, [.. lines.Select(s => (s, 1))]);
            if (i % 3 == 0) await client.ReleaseAsync(new ReleaseRequest { ReservationId = id });
            if (i % 3 == 1) await client.CommitAsync(new CommitRequest { ReservationId = id });
            await client.AdjustAsync(new AdjustRequest { Sku = skus[i % 4], Location = i % 2 == 0 ? "main" : "north", Delta = 1, Reason = "received" });
        }));

        for (var s = 0; s < skus.Count; s++)
        {
            var holding = Enumerable.Range(0, 60).Where(i => i % 4 != s).ToList();
            var availability = await client.AvailabilityAsync(skus[s]);
            availability.OnHand.Should().Be(1000 + Enumerable.Range(0, 60).Count(i => i % 4 == s) - holding.Count(i => i % 3 == 1));
            availability.Reserved.Should().Be(holding.Count(i => i % 3 == 2));
        }
    }

    /// <summary>
    /// Two stock changes at different locations of one SKU overlap on PostgreSQL (READ COMMITTED): the test holds the
    /// outbox table so neither can commit before both have read the SKU's total. Each must still see the other's change:
    /// one back-in-stock, and the last stock-changed carries the true total. SQLite lets one writer at a time, so the
    /// overlap cannot happen there.
    /// </summary>
    [Fact]
    public async Task Overlapping_changes_at_two_locations_publish_back_in_stock_once_with_the_exact_total()
    {
        var host = hosts[TestDatabases.Postgres];
        var client = host.Client;
        var sku = InventoryCalls.NewSku();
        foreach (var location in new[] { "berlin", "lyon" })
        {
            await client.AdjustAsync(new AdjustRequest { Sku = sku, Location = location, Delta = 1, Reason = "received" });
            await client.AdjustAsync(new AdjustRequest { Sku = sku, Location = location, Delta = -1, Reason = "lost" });
        }
        // The dispatcher's own writes to the outbox would wait on the held table too: let it finish first.
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.SentAt != null)), "the outbox to drain");
        var before = await host.QueryAsync(db => db.Set<OutboxMessage>().MaxAsync(m => m.Sequence));

        await using var holder = new NpgsqlConnection(host.ConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        // Reads go on (ACCESS SHARE), inserts wait (ROW EXCLUSIVE): both changes get as far as writing their events.
        await new NpgsqlCommand("LOCK TABLE outbox_messages IN EXCLUSIVE MODE", holder, hold).ExecuteNonQueryAsync();
        var berlin = client.AdjustAsync(new AdjustRequest { Sku = sku, Location = "berlin", Delta = 5, Reason = "received" }).ResponseAsync;
        var lyon = client.AdjustAsync(new AdjustRequest { Sku = sku, Location = "lyon", Delta = 3, Reason = "received" }).ResponseAsync;
        await Eventually.UntilAsync(async () => await WaitingTransactionsAsync(host.ConnectionString) == 2, "both changes to be waiting on a lock");
        await hold.CommitAsync();
        await Task.WhenAll(berlin, lyon);

        var events = await host.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Sequence > before && m.Payload.Contains(sku)).OrderBy(m => m.Sequence).ToListAsync());
        events.Count(m => m.EventType == IntegrationEvent.CloudEventType<BackInStock>()).Should().Be(1, "the total went from 0 to more once");
        var last = events.Last(m => m.EventType == IntegrationEvent.CloudEventType<StockChanged>());
        JsonDocument.Parse(last.Payload).RootElement.GetProperty("totalAvailable").GetInt64().Should().Be(8);
    }

    /// <summary>Sessions of the service's database waiting on a heavyweight lock (table, row or advisory).</summary>
    private static async Task<long> WaitingTransactionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
