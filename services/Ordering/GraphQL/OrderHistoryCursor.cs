using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SpaceOfSport.Ordering.GraphQL;

/// <summary>Opaque cursors of the order history: the last order's placing time and number (newest first, number breaks ties).</summary>
public static class OrderHistoryCursor
{
    public static string Encode(DateTimeOffset placedAt, string number) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"orders:{placedAt.UtcTicks}:{number}")));

    public static bool TryDecode(string? cursor, out (DateTimeOffset PlacedAt, string Number)? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':', 3);
            if (parts is not ["orders", var ticks, { Length: > 0 } number]
                || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
                || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
                return false;
            position = (new DateTimeOffset(utcTicks, TimeSpan.Zero), number);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
