using System.Buffers.Text;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>Opaque keyset cursors: the base64url id of the last item returned (ids are time-ordered UUIDv7).</summary>
public static class Cursor
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    public static string Encode(Guid lastId) => Base64Url.EncodeToString(lastId.ToByteArray());

    public static bool TryDecode(string? cursor, out Guid? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            if (bytes.Length != 16) return false;
            after = new Guid(bytes);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Validates <c>cursor</c> and <c>limit</c> together, naming each bad field.</summary>
    public static Dictionary<string, string[]> Validate(string? cursor, int? limit, out Guid? after, out int take)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryDecode(cursor, out after)) errors["cursor"] = ["is not a cursor this API returned"];
        take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit) errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        return errors;
    }
}
