namespace SpaceOfSport.Cart.Promotions;

/// <summary>A priced line as the promotion rules see it.</summary>
public sealed record PromotableLine(string Sku, long LineTotalMinor, Guid BrandId, IReadOnlyList<Guid> CategoryPath);

/// <summary>The discount a code gives: in total and spread over the eligible lines (by SKU).</summary>
public sealed record PromotionDiscount(long TotalMinor, IReadOnlyDictionary<string, long> ByLine);

/// <summary>
/// Whether a code applies to lines now, and what it takes off: percent or fixed amount of the eligible lines
/// (capped at their value), spread over them in proportion to their value (largest remainder, so the parts add up).
/// </summary>
public static class PromotionRules
{
    public static (PromotionDiscount? Discount, string? Reason, string? Detail) Evaluate(
        Promotion promotion, IReadOnlyList<PromotableLine> lines, Guid? userId, int customerUses, DateTimeOffset now)
    {
        if (CheckUsable(promotion, userId, customerUses, now) is { } refusal) return (null, refusal.Reason, refusal.Detail);

        var eligible = lines.Where(l => IsEligible(promotion, l) && l.LineTotalMinor > 0).ToList();
        if (eligible.Count == 0) return (null, PromotionReasons.NoEligibleItems, $"Code {promotion.Code} applies to none of the items in the cart.");
        var eligibleTotal = eligible.Sum(l => l.LineTotalMinor);
        if (eligibleTotal < promotion.MinimumSpendMinor)
            return (null, PromotionReasons.MinimumSpendNotMet, $"Code {promotion.Code} needs a spend of {promotion.MinimumSpendMinor} (minor units) on eligible items; they come to {eligibleTotal}.");

        var discount = promotion.PercentOff is { } percent
            ? (long)Math.Round(eligibleTotal * percent / 100m, MidpointRounding.AwayFromZero)
            : Math.Min(promotion.AmountOffMinor ?? 0, eligibleTotal);
        return (new PromotionDiscount(discount, Spread(discount, eligible)), null, null);
    }

    /// <summary>
    /// Whether one more use of the code is allowed now (validity window, total and per-customer limits counting paid and
    /// reserved uses), whatever the lines: null when it is, else why not. <paramref name="customerUses"/> are the
    /// customer's taken uses.
    /// </summary>
    public static (string Reason, string Detail)? CheckUsable(Promotion promotion, Guid? userId, int customerUses, DateTimeOffset now)
    {
        if (now < promotion.StartsAt) return (PromotionReasons.NotStarted, $"Code {promotion.Code} starts at {promotion.StartsAt:u}.");
        if (now >= promotion.EndsAt) return (PromotionReasons.Expired, $"Code {promotion.Code} expired at {promotion.EndsAt:u}.");
        if (promotion.TotalUsageLimit is { } total && promotion.UsesTakenAt(now) >= total)
            return (PromotionReasons.UsageLimitReached, $"Code {promotion.Code} has been used the {total} times it allows.");
        if (promotion.PerCustomerUsageLimit is { } perCustomer)
        {
            if (userId is null) return (PromotionReasons.SignInRequired, $"Code {promotion.Code} is limited per customer: sign in to use it.");
            if (customerUses >= perCustomer) return (PromotionReasons.CustomerLimitReached, $"You have used code {promotion.Code} the {perCustomer} times it allows.");
        }
        return null;
    }

    private static bool IsEligible(Promotion promotion, PromotableLine line) =>
        (promotion.CategoryIds.Count == 0 || line.CategoryPath.Any(promotion.CategoryIds.Contains))
        && (promotion.BrandIds.Count == 0 || promotion.BrandIds.Contains(line.BrandId));

    private static Dictionary<string, long> Spread(long discount, IReadOnlyList<PromotableLine> lines)
    {
        var total = lines.Sum(l => l.LineTotalMinor);
        var shares = lines.Select(l => (l.Sku, Exact: (decimal)discount * l.LineTotalMinor / total)).ToList();
        var parts = shares.ToDictionary(s => s.Sku, s => (long)Math.Floor(s.Exact), StringComparer.Ordinal);
        var left = discount - parts.Values.Sum();
        foreach (var (sku, _) in shares.OrderByDescending(s => s.Exact - Math.Floor(s.Exact)).ThenBy(s => s.Sku, StringComparer.Ordinal).Take((int)left))
            parts[sku]++;
        return parts;
    }
}
