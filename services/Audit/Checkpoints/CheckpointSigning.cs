using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.BuildingBlocks.Json;

namespace SpaceOfSport.Audit.Checkpoints;

/// <summary>
/// Checkpoints as compact JWS (RFC 7515) with ES256 (RFC 7518: the P-256 signature as r‖s), so any JOSE library can
/// check one given the public key. Payload: RFC 8785 JSON <c>{"headHash","sequence","signedAt"}</c>.
/// </summary>
public static class CheckpointSigning
{
    public static string Sign(long sequence, string headHash, DateTimeOffset signedAt, string keyId, ECDsa key)
    {
        var header = Base64Url.EncodeToString(Canonical(new Dictionary<string, object?> { ["alg"] = "ES256", ["kid"] = keyId }));
        var payload = Base64Url.EncodeToString(Payload(sequence, headHash, signedAt));
        var signingInput = Encoding.ASCII.GetBytes($"{header}.{payload}");
        var signature = key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>
    /// Why <paramref name="checkpoint"/> cannot be believed (its JWS is not signed by <paramref name="key"/>, or says other
    /// than its row), or null when it can.
    /// </summary>
    public static string? Problem(Checkpoint checkpoint, ECDsa key)
    {
        var parts = checkpoint.Jws.Split('.');
        if (parts.Length != 3) return "is not a compact JWS";
        var signingInput = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return "has an unreadable signature";
        }
        if (!key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return $"has a signature key {checkpoint.KeyId} did not make";
        var expected = Base64Url.EncodeToString(Payload(checkpoint.Sequence, checkpoint.HeadHash, checkpoint.SignedAt));
        return parts[1] == expected ? null : "signs other values than its row holds";
    }

    private static byte[] Payload(long sequence, string headHash, DateTimeOffset signedAt) => Canonical(new Dictionary<string, object?>
    {
        ["sequence"] = sequence,
        ["headHash"] = headHash,
        ["signedAt"] = EntryHashing.TimeText(signedAt),
    });

    private static byte[] Canonical(Dictionary<string, object?> members) =>
        JsonCanonicalization.Serialize(JsonSerializer.SerializeToElement(members));
}
