using System.Text;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;

namespace SpaceOfSport.Analytics.Recommendations;

/// <summary>
/// The co-purchase model, updated incrementally as each paid order arrives (no batch job): per product the number of
/// paid orders holding it, per pair of products the number holding both (docs/decisions/0010-recommendations-from-co-purchases.md).
/// Counters move by upserts (<c>count = count + 1</c>) so concurrent orders never lose an increment.
/// </summary>
public static class CoPurchaseModel
{
    public static async Task AddOrdersAsync(AnalyticsDbContext db, IReadOnlyList<RecordedEvent> orders, CancellationToken cancellationToken)
    {
        var skus = orders.SelectMany(o => o.Lines.Select(l => l.Sku)).Distinct().ToList();
        if (skus.Count == 0) return;
        var products = await db.SkuProducts.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, p => p.ProductId, cancellationToken);

        var singles = new SortedDictionary<Guid, long>();
        var pairs = new SortedDictionary<(Guid, Guid), long>();
        foreach (var order in orders)
        {
            var bought = order.Lines.Select(l => products.TryGetValue(l.Sku, out var product) ? product : (Guid?)null).OfType<Guid>().Distinct().ToList();
            foreach (var product in bought)
            {
                singles[product] = singles.GetValueOrDefault(product) + 1;
                foreach (var other in bought.Where(o => o != product)) pairs[(product, other)] = pairs.GetValueOrDefault((product, other)) + 1;
            }
        }

        foreach (var chunk in singles.Chunk(300))
            await UpsertAsync(db, "product_purchases (product_id, orders)", "product_id", chunk.Select(c => new object[] { c.Key, c.Value }), cancellationToken);
        foreach (var chunk in pairs.Chunk(300))
            await UpsertAsync(db, "co_purchases (product_id, other_product_id, orders)", "product_id, other_product_id",
                chunk.Select(c => new object[] { c.Key.Item1, c.Key.Item2, c.Value }), cancellationToken);
    }

    private static Task<int> UpsertAsync(AnalyticsDbContext db, string target, string key, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"INSERT INTO {target} VALUES ");
        var parameters = new List<object>();
        foreach (var row in rows)
        {
            if (parameters.Count > 0) sql.Append(", ");
            sql.Append('(').AppendJoin(", ", row.Select((_, i) => $"{{{parameters.Count + i}}}")).Append(')');
            parameters.AddRange(row);
        }
        var table = target[..target.IndexOf(' ', StringComparison.Ordinal)];
        sql.Append($" ON CONFLICT ({key}) DO UPDATE SET orders = {table}.orders + excluded.orders");
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }
}
