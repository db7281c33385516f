namespace SpaceOfSport.Cart.Carts;

/// <summary>
/// A cart as stored under one key of the state store. <see cref="Version"/> counts saves: clients send it back to
/// say which cart they edited, and a stale one gets a 409 with the current cart.
/// </summary>
public sealed class CartDocument
{
    /// <summary>Opaque public id (UUIDv7), never the state key or the anonymous cookie.</summary>
    public required Guid Id { get; init; }

    /// <summary>The owner; null for an anonymous cart.</summary>
    public Guid? UserId { get; init; }

    public List<CartLine> Lines { get; set; } = [];

    public string? PromoCode { get; set; }

    public CartDestination? Destination { get; set; }

    public string? ShippingMethod { get; set; }

    /// <summary>The store chosen for click and collect.</summary>
    public string? StoreId { get; set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When a line was last added, changed or removed: the clock abandonment runs on.</summary>
    public DateTimeOffset? LinesTouchedAt { get; set; }

    /// <summary>Whether the cart is listed in the abandonment index (it has lines not yet reported abandoned).</summary>
    public bool Indexed { get; set; }

    /// <summary>The abandonment of the current lines, once the sweep found it; cleared when the lines change.</summary>
    public CartAbandonment? Abandonment { get; set; }

    /// <summary>The latest paid orders whose lines were taken off this cart (oldest first), so a retry takes nothing twice.</summary>
    public List<Guid> OrdersTakenOff { get; set; } = [];
}

/// <summary>A line: the SKU, how many, and what the shopper saw when it was last set (price, units available).</summary>
public sealed class CartLine
{
    public required string Sku { get; init; }

    public int Quantity { get; set; }

    public long PriceWhenSetMinor { get; set; }

    /// <summary>Units inventory had available when the line was last set; null when inventory did not answer.</summary>
    public long? AvailableWhenSet { get; set; }

    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>Where the cart ships: what tax and shipping are computed for.</summary>
public sealed record CartDestination(string Country, string? Region, string? PostalCode, double? Latitude, double? Longitude);

/// <summary>
/// The event reporting one abandonment: its id is fixed when found, so a retried publication repeats the same event
/// (consumers deduplicate by id) and <see cref="Published"/> records that it went out.
/// </summary>
public sealed record CartAbandonment(Guid EventId, DateTimeOffset LinesTouchedAt, bool Published);
