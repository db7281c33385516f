using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Inventory.Data;

namespace SpaceOfSport.Inventory.Reservations;

/// <summary>The staff list: newest first, keyset-paged by (created at, id).</summary>
public sealed class ReservationQueries(InventoryDbContext db)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public async Task<(IReadOnlyList<Reservation> Page, string? NextPageToken)> ListAsync(ReservationStatus? status, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (pageSize < 0 || pageSize > MaxPageSize) throw InventoryErrors.InvalidArgument("page_size", $"must be between 1 and {MaxPageSize}");
        if (pageSize == 0) pageSize = DefaultPageSize;

        IQueryable<Reservation> query = db.Reservations.AsNoTracking().Include(r => r.Lines);
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (!string.IsNullOrEmpty(pageToken))
        {
            var (createdAt, id) = DecodeToken(pageToken);
            query = query.Where(r => r.CreatedAt < createdAt || (r.CreatedAt == createdAt && string.Compare(r.Id, id) < 0));
        }
        var page = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        if (page.Count <= pageSize) return (page, null);
        page.RemoveAt(pageSize);
        var last = page[^1];
        return (page, EncodeToken(last.CreatedAt, last.Id));
    }

    private static string EncodeToken(DateTimeOffset createdAt, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id}"));

    private static (DateTimeOffset CreatedAt, string Id) DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var ticks = long.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture);
            return (new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw InventoryErrors.InvalidArgument("page_token", "is not a token this service issued");
        }
    }
}
