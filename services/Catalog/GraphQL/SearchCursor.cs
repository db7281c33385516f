using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SpaceOfSport.Catalog.GraphQL;

/// <summary>Opaque search cursors: the offset of the next result in the (deterministic) result order.</summary>
public static class SearchCursor
{
    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"search:{offset}")));

    public static bool TryDecode(string? cursor, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("search:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
