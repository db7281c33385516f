using Google.Protobuf.WellKnownTypes;
using SpaceOfSport.Contracts.Inventory.V1;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;

namespace SpaceOfSport.Inventory.Tests.Infrastructure;

/// <summary>Short forms of the calls tests make.</summary>
public static class InventoryCalls
{
    public static string NewSku() => $"T-{Guid.NewGuid():N}";

    public static string NewReservationId() => $"r-{Guid.NewGuid():N}";

    public static async Task<string> StockedSkuAsync(this InventoryClient client, int onHand, string location = "main")
    {
        var sku = NewSku();
        await client.AdjustAsync(new AdjustRequest { Sku = sku, Location = location, Delta = onHand, Reason = "received" });
        return sku;
    }

    public static async Task<SkuAvailability> AvailabilityAsync(this InventoryClient client, string sku) =>
        (await client.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { sku } })).Items.Single();

    public static async Task<Reservation> ReserveAsync(this InventoryClient client, string reservationId, TimeSpan? ttl = null, params (string Sku, int Quantity)[] lines)
    {
        var request = new ReserveRequest { ReservationId = reservationId, Ttl = ttl is { } t ? Duration.FromTimeSpan(t) : null };
        request.Lines.AddRange(lines.Select(l => new ReservationLine { Sku = l.Sku, Quantity = l.Quantity }));
        return (await client.ReserveAsync(request)).Reservation;
    }
}
