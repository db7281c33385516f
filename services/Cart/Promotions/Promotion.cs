namespace SpaceOfSport.Cart.Promotions;

/// <summary>
/// A promotion code: percent or fixed amount off the eligible lines (all, or those of the listed categories or
/// brands), from a minimum spend, within a validity window, up to a total and a per-customer number of uses (reserved
/// when an order is placed, counted when it is paid).
/// </summary>
public sealed class Promotion
{
    /// <summary>Upper case; the key.</summary>
    public required string Code { get; init; }

    public string Description { get; set; } = "";

    public int? PercentOff { get; set; }

    public long? AmountOffMinor { get; set; }

    public string Currency { get; set; } = "EUR";

    public long MinimumSpendMinor { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int? TotalUsageLimit { get; set; }

    public int? PerCustomerUsageLimit { get; set; }

    /// <summary>Lines of these categories (or their subcategories) are eligible; empty: no category restriction.</summary>
    public List<Guid> CategoryIds { get; set; } = [];

    /// <summary>Lines of these brands are eligible; empty: no brand restriction.</summary>
    public List<Guid> BrandIds { get; set; } = [];

    /// <summary>Paid orders that used the code.</summary>
    public int TimesUsed { get; set; }

    /// <summary>
    /// Orders placed with the code, neither paid nor cancelled yet, with when their hold expires: until then their uses
    /// are taken. An expired hold stops counting (an abandoned checkout cannot keep a use); it is pruned at the next write.
    /// </summary>
    public Dictionary<Guid, DateTimeOffset> OpenReservations { get; set; } = [];

    /// <summary>Reserved uses still held at <paramref name="now"/>.</summary>
    public int ReservedAt(DateTimeOffset now) => OpenReservations.Values.Count(expiresAt => expiresAt > now);

    /// <summary>Uses taken against <see cref="TotalUsageLimit"/> at <paramref name="now"/>: paid and held.</summary>
    public int UsesTakenAt(DateTimeOffset now) => TimesUsed + ReservedAt(now);

    public long Version { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>How often one customer's paid orders used a code, and which of their open orders hold a use of it (until when).</summary>
public sealed class PromotionUsage
{
    public int Count { get; set; }

    public Dictionary<Guid, DateTimeOffset> OpenReservations { get; set; } = [];

    /// <summary>Uses taken against the per-customer limit at <paramref name="now"/>: paid and held.</summary>
    public int TakenAt(DateTimeOffset now) => Count + OpenReservations.Values.Count(expiresAt => expiresAt > now);
}

/// <summary>The codes that exist, for the staff list (the state store has no listing of its own).</summary>
public sealed class PromotionIndex
{
    public SortedSet<string> Codes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Why a code does not apply (the <c>reason</c> of a 422, and of a cart's promotion that stopped applying).</summary>
public static class PromotionReasons
{
    public const string Unknown = "unknown";
    public const string NotStarted = "not-started";
    public const string Expired = "expired";
    public const string UsageLimitReached = "usage-limit-reached";
    public const string CustomerLimitReached = "customer-limit-reached";
    public const string SignInRequired = "sign-in-required";
    public const string MinimumSpendNotMet = "minimum-spend-not-met";
    public const string NoEligibleItems = "no-eligible-items";
    public const string Confirmed = "confirmed";
    public const string Released = "released";
}
