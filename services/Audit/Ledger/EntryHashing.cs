using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks.Json;

namespace SpaceOfSport.Audit.Ledger;

/// <summary>
/// How an entry's hash is computed, so an auditor can recompute it with any SHA-256 and RFC 8785 library:
/// <c>hash = SHA-256(bytes(previousHash) ‖ JCS({action, actor, afterDigest, beforeDigest, sequence, sourceEventId, subject, time}))</c>,
/// where <c>time</c> is ISO 8601 UTC with three fractional digits and an absent digest is JSON null.
/// </summary>
public static class EntryHashing
{
    /// <summary>The previous hash of entry 1: 32 zero bytes.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static string TimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Cuts <paramref name="time"/> to whole milliseconds, which both providers store exactly (PostgreSQL keeps
    /// microseconds, EF Core's SQLite time converter tenths of a millisecond), so a re-read entry hashes the same.
    /// </summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>The RFC 8785 canonical JSON of the entry's recorded fields (everything but the two hashes).</summary>
    public static byte[] CanonicalContent(LedgerEntry entry) =>
        CanonicalContent(entry.Sequence, entry.RecordedAt, entry.Actor, entry.Action, entry.Subject, entry.BeforeDigest, entry.AfterDigest, entry.SourceEventId);

    public static byte[] CanonicalContent(long sequence, DateTimeOffset recordedAt, string actor, string action, string subject,
        string? beforeDigest, string? afterDigest, string sourceEventId)
    {
        var content = JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["sequence"] = sequence,
            ["time"] = TimeText(recordedAt),
            ["actor"] = actor,
            ["action"] = action,
            ["subject"] = subject,
            ["beforeDigest"] = beforeDigest,
            ["afterDigest"] = afterDigest,
            ["sourceEventId"] = sourceEventId,
        });
        return JsonCanonicalization.Serialize(content);
    }

    /// <summary>The hash an entry with this content must carry after <paramref name="previousHash"/>.</summary>
    public static string Compute(string previousHash, byte[] canonicalContent)
    {
        var previous = Convert.FromHexString(previousHash);
        var input = new byte[previous.Length + canonicalContent.Length];
        previous.CopyTo(input, 0);
        canonicalContent.CopyTo(input, previous.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>A digest of a state for the before/after fields: SHA-256 of the state's canonical JSON.</summary>
    public static string DigestOf<T>(T state) => JsonCanonicalization.DigestOf(state);

    public static bool IsDigest(string value) =>
        value.Length == 64 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
