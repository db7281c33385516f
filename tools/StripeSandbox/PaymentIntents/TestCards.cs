namespace StripeSandbox.PaymentIntents;

/// <summary>What a card does when charged.</summary>
public enum CardOutcome
{
    Succeeds,
    Declined,
    RequiresAuthentication,

    /// <summary>The charge succeeds; a refund of it succeeds first and fails a moment later.</summary>
    RefundFails,
}

/// <summary>A decline as Stripe reports it: error code, decline code, message.</summary>
public sealed record CardDecline(string Code, string DeclineCode, string Message);

/// <summary>
/// Stripe's documented test cards (https://docs.stripe.com/testing) and test PaymentMethod ids, with the outcome
/// each one has. Any other number that passes the Luhn check succeeds.
/// </summary>
public static class TestCards
{
    public const string Visa = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string LostCard = "4000000000009987";
    public const string StolenCard = "4000000000009979";
    public const string ExpiredCard = "4000000000000069";
    public const string IncorrectCvc = "4000000000000127";
    public const string ProcessingError = "4000000000000119";
    public const string ThreeDSecureRequired = "4000002500003155";
    public const string RefundFails = "4000000000005126";
    public const string Mastercard = "5555555555554444";

    private static readonly Dictionary<string, CardDecline> Declines = new()
    {
        [Declined] = new("card_declined", "generic_decline", "Your card was declined."),
        [InsufficientFunds] = new("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        [LostCard] = new("card_declined", "lost_card", "Your card was declined."),
        [StolenCard] = new("card_declined", "stolen_card", "Your card was declined."),
        [ExpiredCard] = new("expired_card", "expired_card", "Your card has expired."),
        [IncorrectCvc] = new("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        [ProcessingError] = new("processing_error", "processing_error", "An error occurred while processing your card. Try again in a little bit."),
    };

    /// <summary>Stripe's test PaymentMethod ids and the card each stands for.</summary>
    public static IReadOnlyDictionary<string, string> PaymentMethods { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = Visa,
        ["pm_card_mastercard"] = Mastercard,
        ["pm_card_chargeDeclined"] = Declined,
        ["pm_card_chargeDeclinedInsufficientFunds"] = InsufficientFunds,
        ["pm_card_chargeDeclinedLostCard"] = LostCard,
        ["pm_card_chargeDeclinedStolenCard"] = StolenCard,
        ["pm_card_chargeDeclinedExpiredCard"] = ExpiredCard,
        ["pm_card_chargeDeclinedIncorrectCvc"] = IncorrectCvc,
        ["pm_card_chargeDeclinedProcessingError"] = ProcessingError,
        ["pm_card_authenticationRequiredOnSetup"] = ThreeDSecureRequired,
        ["pm_card_refundFail"] = RefundFails,
    };

    public static CardOutcome OutcomeOf(string number) => number switch
    {
        ThreeDSecureRequired => CardOutcome.RequiresAuthentication,
        RefundFails => CardOutcome.RefundFails,
        _ when Declines.ContainsKey(number) => CardOutcome.Declined,
        _ => CardOutcome.Succeeds,
    };

    public static CardDecline? DeclineOf(string number) => Declines.GetValueOrDefault(number);

    public static string BrandOf(string number) => number switch
    {
        ['4', ..] => "visa",
        ['5', ..] or ['2', ..] => "mastercard",
        ['3', '4' or '7', ..] => "amex",
        ['6', ..] => "discover",
        _ => "unknown",
    };

    /// <summary>The Luhn check Stripe applies before anything else ("Your card number is incorrect.").</summary>
    public static bool PassesLuhn(string number)
    {
        if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var digit = number[number.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
