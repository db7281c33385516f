namespace SpaceOfSport.Cart.Carts;

/// <summary>Settings of section <c>Cart</c>.</summary>
public sealed class CartOptions
{
    public const string Section = "Cart";

    /// <summary>Units of one SKU a cart may hold.</summary>
    public int MaxQuantityPerLine { get; set; } = 10;

    /// <summary>Distinct SKUs a cart may hold.</summary>
    public int MaxLines { get; set; } = 50;

    /// <summary>How long a catalog answer is reused (price and product events drop it sooner).</summary>
    public TimeSpan CatalogCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long inventory's availability is reused; short, since stock moves with every order.</summary>
    public TimeSpan AvailabilityCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Lines untouched this long make a cart abandoned.</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts of one change against concurrent writers (each a fresh read and an ETag-checked save).</summary>
    public int SaveAttempts { get; set; } = 20;

    /// <summary>How long a promotion use reserved for an order is held when the caller names no TTL (ordering names its own).</summary>
    public TimeSpan PromotionReservationTtl { get; set; } = TimeSpan.FromHours(1);
}
