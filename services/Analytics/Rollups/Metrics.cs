using SpaceOfSport.Analytics.Events;

namespace SpaceOfSport.Analytics.Rollups;

/// <summary>
/// The metrics rolled up, and what each raw event contributes to them: a pure function of the event, so the rollups
/// always equal a direct computation over the raw events (tests/Analytics.Tests checks it as a property).
/// </summary>
public static class Metrics
{
    /// <summary>By page path (without its query string).</summary>
    public const string PageViews = "page-views";
    public const string ProductViews = "product-views";

    /// <summary>By search text; total = results shown.</summary>
    public const string Searches = "searches";

    /// <summary>By search text, searches that found nothing.</summary>
    public const string SearchesWithoutResults = "searches-without-results";

    /// <summary>Total = units added.</summary>
    public const string CartAdds = "cart-adds";

    public const string Checkouts = "checkouts";
    public const string RecommendationsShown = "recommendations-shown";
    public const string RecommendationsClicked = "recommendations-clicked";

    /// <summary>By currency; total = revenue (order totals).</summary>
    public const string Orders = "orders";

    /// <summary>By currency; count = order lines, total = units.</summary>
    public const string Units = "units";

    /// <summary>By <c>currency|sku</c>; count = units, total = line totals.</summary>
    public const string SkuSales = "sku-sales";

    /// <summary>By currency of the estimate (empty when no price was known); total = estimated value.</summary>
    public const string CartsAbandoned = "carts-abandoned";

    /// <summary>By currency; total = amount refunded.</summary>
    public const string Refunds = "refunds";

    /// <summary>By reason; count = units asked to be returned.</summary>
    public const string ReturnUnits = "return-units";

    public static string SkuDimension(string currency, string sku) => $"{currency}|{sku}";

    public static IEnumerable<RollupDelta> Of(RecordedEvent e)
    {
        switch (e.Type)
        {
            case EventTypes.PageViewed:
                yield return new(PageViews, e.Path ?? "", 1, 0);
                break;
            case EventTypes.ProductViewed:
                yield return new(ProductViews, "", 1, 0);
                break;
            case EventTypes.SearchPerformed:
                yield return new(Searches, e.Query ?? "", 1, e.ResultCount ?? 0);
                if (e.ResultCount == 0) yield return new(SearchesWithoutResults, e.Query ?? "", 1, 0);
                break;
            case EventTypes.AddedToCart:
                yield return new(CartAdds, "", 1, e.Quantity ?? 1);
                break;
            case EventTypes.CheckoutStarted:
                yield return new(Checkouts, "", 1, 0);
                break;
            case EventTypes.RecommendationShown:
                yield return new(RecommendationsShown, "", 1, 0);
                break;
            case EventTypes.RecommendationClicked:
                yield return new(RecommendationsClicked, "", 1, 0);
                break;
            case EventTypes.OrderPaid:
                var currency = e.Currency ?? "";
                yield return new(Orders, currency, 1, e.AmountMinor ?? 0);
                yield return new(Units, currency, e.Lines.Count, e.Lines.Sum(l => (long)l.Quantity));
                foreach (var line in e.Lines) yield return new(SkuSales, SkuDimension(currency, line.Sku), line.Quantity, line.AmountMinor);
                break;
            case EventTypes.CartAbandoned:
                yield return new(CartsAbandoned, e.Currency ?? "", 1, e.AmountMinor ?? 0);
                break;
            case EventTypes.Refunded:
                yield return new(Refunds, e.Currency ?? "", 1, e.AmountMinor ?? 0);
                break;
            case EventTypes.ReturnRequested:
                foreach (var line in e.Lines) yield return new(ReturnUnits, line.Reason ?? "", line.Quantity, 0);
                break;
        }
    }

    /// <summary>The hour and the day (UTC) an instant falls in, as Unix seconds.</summary>
    public static (long Hour, long Day) Buckets(DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds();
        return (seconds - Mod(seconds, 3_600), seconds - Mod(seconds, 86_400));
    }

    private static long Mod(long value, long period) => ((value % period) + period) % period;
}
