using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;

namespace SpaceOfSport.Analytics.Stock;

/// <summary>Keeps each SKU's last known price (newest report wins) and estimates what a cart of SKUs was worth.</summary>
public static class SkuPrices
{
    public static async Task RecordAsync(AnalyticsDbContext db, IEnumerable<(string Sku, long PriceMinor, string Currency, DateTimeOffset AsOf)> prices, CancellationToken cancellationToken)
    {
        foreach (var (sku, priceMinor, currency, asOf) in prices.GroupBy(p => p.Sku).Select(g => g.MaxBy(p => p.AsOf)))
        {
            var known = await db.SkuPrices.FindAsync([sku], cancellationToken);
            if (known is null) db.SkuPrices.Add(new SkuPrice { Sku = sku, PriceMinor = priceMinor, Currency = currency, AsOf = asOf });
            else if (asOf >= known.AsOf)
            {
                known.PriceMinor = priceMinor;
                known.Currency = currency;
                known.AsOf = asOf;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Each line at its SKU's last known price (0 when none is known), and the currency of those prices.</summary>
    public static async Task<(IReadOnlyList<(string Sku, int Quantity, long AmountMinor)> Lines, string? Currency)> EstimateAsync(
        AnalyticsDbContext db, IReadOnlyList<(string Sku, int Quantity)> lines, CancellationToken cancellationToken)
    {
        var skus = lines.Select(l => l.Sku).Distinct().ToList();
        var prices = await db.SkuPrices.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, cancellationToken);
        var currency = prices.Values.Select(p => p.Currency).FirstOrDefault();
        return ([.. lines.Select(l => (l.Sku, l.Quantity, prices.TryGetValue(l.Sku, out var p) && p.Currency == currency ? p.PriceMinor * l.Quantity : 0))], currency);
    }
}
