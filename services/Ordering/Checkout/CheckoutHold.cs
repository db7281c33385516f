namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// Test-only: stops the checkout for good at one named point, so a crash test can SIGKILL the process exactly there
/// (<c>Ordering:Testing:HoldCheckoutAt</c> names the point; on arrival "<c>point order-id</c>" is appended to
/// <c>Ordering:Testing:HoldMarkerFile</c>). No deployment sets it, and unset it does nothing: production behaviour is
/// unchanged.
/// </summary>
public sealed class CheckoutHold(IConfiguration configuration)
{
    public const string Section = "Ordering:Testing";

    /// <summary>The order is stored; its workflow is not started yet.</summary>
    public const string OrderSaved = "order-saved";

    /// <summary>Inventory holds the order's units; the workflow has not recorded it yet.</summary>
    public const string StockReserved = "stock-reserved";

    /// <summary>Payments made the PaymentIntent; the order does not know it yet.</summary>
    public const string PaymentCreated = "payment-created";

    /// <summary>The payment succeeded; the stock is not committed yet.</summary>
    public const string PaymentSucceeded = "payment-succeeded";

    private readonly string? _point = configuration[$"{Section}:HoldCheckoutAt"];
    private readonly string? _markerFile = configuration[$"{Section}:HoldMarkerFile"];

    public async Task AtAsync(string point, Guid orderId)
    {
        if (_point != point || _markerFile is null) return;
        await File.AppendAllTextAsync(_markerFile, $"{point} {orderId}\n");
        await Task.Delay(Timeout.InfiniteTimeSpan);
    }
}
