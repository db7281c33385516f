using Grpc.Core;
using SpaceOfSport.Inventory.Tests.Infrastructure;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>
/// Never oversold: many callers race for the last units of one SKU over real gRPC
/// (https://grpc.io/docs/guides/status-codes/: FAILED_PRECONDITION for the refused ones).
/// </summary>
public sealed class ConcurrencyTests(InventoryHosts hosts) : IClassFixture<InventoryHosts>
{
    [Theory]
    [MemberData(nameof(DatabaseProvider.All), MemberType = typeof(DatabaseProvider))]
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
    [MemberData(nameof(DatabaseProvider.All), MemberType = typeof(DatabaseProvider))]
    public async Task Parallel_retries_of_one_reservation_hold_its_units_once(string provider)
    {
        var client = hosts[provider].Client;
        var sku = await client.StockedSkuAsync(10);
        var id = InventoryCalls.NewReservationId();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ReserveAsync(id, null, (sku, 3))));

        answers.Select(a => a.CreatedAt).Distinct().Should().ContainSingle("every retry gets the first answer");
        (await client.AvailabilityAsync(sku)).Reserved.Should().Be(3);
    }
}
