using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Ordering.Data;

namespace SpaceOfSport.Ordering.Orders;

/// <summary>
/// Hands out the numbers people see, <c>SOS-2026-000123</c>: one counter row per year, bumped by a single
/// upsert-returning statement (SQLite 3.35+ and PostgreSQL alike), so concurrent orders never share a number. A number
/// taken by an order whose transaction then failed is skipped, never reused.
/// </summary>
public sealed class OrderNumbers(TimeProvider clock)
{
    public async Task<string> NextAsync(OrderingDbContext db, CancellationToken cancellationToken)
    {
        var year = clock.GetUtcNow().Year;
        var next = await db.Database.SqlQuery<long>($"""
            INSERT INTO order_number_counters ("Year", "Last") VALUES ({year}, 1)
            ON CONFLICT ("Year") DO UPDATE SET "Last" = order_number_counters."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(cancellationToken);
        return Format(year, next.Single());
    }

    public static string Format(int year, long number) => string.Create(CultureInfo.InvariantCulture, $"SOS-{year}-{number:D6}");
}
