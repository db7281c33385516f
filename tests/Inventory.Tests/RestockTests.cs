using Grpc.Core;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests;

/// <summary><c>Restock</c>: units back on hand once per restock id, on both providers.</summary>
public sealed class RestockTests(InventoryHosts hosts) : IClassFixture<InventoryHosts>
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_restock_puts_the_units_back_once_however_often_it_is_asked(string provider)
    {
        var client = hosts[provider].Client;
        var shoe = await client.StockedSkuAsync(5);
        var sock = await client.StockedSkuAsync(1);
        var restock = Request($"order-{Guid.NewGuid():N}", "", (shoe, 2), (sock, 1), (shoe, 1));

        var first = await client.RestockAsync(restock);
        var again = await client.RestockAsync(restock);

        (first.AlreadyApplied, again.AlreadyApplied).Should().Be((false, true));
        (await client.AvailabilityAsync(shoe)).OnHand.Should().Be(8, "3 units came back once, at main");
        (await client.AvailabilityAsync(sock)).OnHand.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_same_restock_asked_concurrently_puts_the_units_back_once(string provider)
    {
        var client = hosts[provider].Client;
        var shoe = await client.StockedSkuAsync(5);
        var restock = Request($"order-{Guid.NewGuid():N}", "main", (shoe, 2));

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.RestockAsync(restock).ResponseAsync));

        answers.Count(a => !a.AlreadyApplied).Should().Be(1);
        (await client.AvailabilityAsync(shoe)).OnHand.Should().Be(7);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_restock_at_a_location_without_that_sku_creates_its_stock_there(string provider)
    {
        var client = hosts[provider].Client;
        var shoe = await client.StockedSkuAsync(5, "berlin");

        await client.RestockAsync(Request($"return-{Guid.NewGuid():N}", "lyon", (shoe, 2)));

        var availability = await client.AvailabilityAsync(shoe);
        availability.Locations.Select(l => (l.Location, l.OnHand)).Should().Equal(("berlin", 5L), ("lyon", 2L));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_same_restock_id_with_other_lines_is_refused_and_changes_nothing(string provider)
    {
        var client = hosts[provider].Client;
        var shoe = await client.StockedSkuAsync(5);
        var id = $"order-{Guid.NewGuid():N}";
        await client.RestockAsync(Request(id, "main", (shoe, 2)));

        var other = () => client.RestockAsync(Request(id, "main", (shoe, 3))).ResponseAsync;

        (await other.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.AlreadyExists);
        (await client.AvailabilityAsync(shoe)).OnHand.Should().Be(7);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Bad_restocks_are_refused_naming_the_field_and_unknown_skus_are_not_found(string provider)
    {
        var client = hosts[provider].Client;
        var shoe = await client.StockedSkuAsync(5);
        var unknown = InventoryCalls.NewSku();

        (await Refusal(client, Request("", "main", (shoe, 1)))).Should().Be((StatusCode.InvalidArgument, "restock_id: is required"));
        (await Refusal(client, Request("r-1", "main"))).Should().Be((StatusCode.InvalidArgument, "lines: at least one line is required"));
        (await Refusal(client, Request("r-1", "main", (shoe, 0)))).Should().Be((StatusCode.InvalidArgument, "lines[0].quantity: must be greater than 0"));
        var noReason = Request("r-1", "main", (shoe, 1));
        noReason.Reason = "";
        (await Refusal(client, noReason)).Should().Be((StatusCode.InvalidArgument, "reason: is required"));
        var notFound = await Refusal(client, Request($"r-{Guid.NewGuid():N}", "main", (shoe, 1), (unknown, 1)));
        notFound.Code.Should().Be(StatusCode.NotFound);
        notFound.Detail.Should().Contain(unknown);
        (await client.AvailabilityAsync(shoe)).OnHand.Should().Be(5, "a refused restock changes nothing");
    }

    private static RestockRequest Request(string id, string location, params (string Sku, int Quantity)[] lines)
    {
        var request = new RestockRequest { RestockId = id, Location = location, Reason = "order-cancelled" };
        request.Lines.AddRange(lines.Select(l => new ReservationLine { Sku = l.Sku, Quantity = l.Quantity }));
        return request;
    }

    private static async Task<(StatusCode Code, string Detail)> Refusal(Contracts.Inventory.V1.Inventory.InventoryClient client, RestockRequest request)
    {
        var call = () => client.RestockAsync(request).ResponseAsync;
        var refusal = (await call.Should().ThrowAsync<RpcException>()).Which;
        return (refusal.StatusCode, refusal.Status.Detail);
    }
}
