namespace SpaceOfSport.Ordering.Checkout;

/// <summary>The <c>Ordering:Checkout</c> settings.</summary>
public sealed class CheckoutOptions
{
    public const string Section = "Ordering:Checkout";

    /// <summary>How long the checkout waits for the payment before it cancels the order (15 minutes).</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How much longer than the payment timeout inventory holds the stock, so a payment in time always finds it.</summary>
    public TimeSpan ReservationMargin { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan ReservationTtl => PaymentTimeout + ReservationMargin;

    /// <summary>How long <c>POST /api/orders</c> waits for the stock and the payment before answering 202 with the pending order.</summary>
    public TimeSpan PlacementWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the sandbox's payment page sends the customer afterwards (the storefront's order page).</summary>
    public string? PaymentReturnUrl { get; set; }
}
