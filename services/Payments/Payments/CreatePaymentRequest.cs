namespace SpaceOfSport.Payments.Payments;

/// <summary>From ordering: the order and what it costs (computed there, never taken from the browser).</summary>
/// <param name="ReturnUrl">Where the sandbox's payment page sends the customer afterwards (sandbox mode only).</param>
public sealed record CreatePaymentRequest(Guid OrderId, long Amount, string? Currency, string? ReturnUrl = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (OrderId == Guid.Empty) errors["orderId"] = ["an order id is required"];
        if (Amount <= 0) errors["amount"] = ["the amount must be a positive number of minor units"];
        if (Currency is not { Length: 3 } || !Currency.All(char.IsAsciiLetter)) errors["currency"] = ["an ISO 4217 currency code of three letters is required"];
        if (ReturnUrl is not null && !Uri.TryCreate(ReturnUrl, UriKind.Absolute, out _)) errors["returnUrl"] = ["an absolute URL is required"];
        return errors;
    }
}
