namespace SpaceOfSport.Audit.Checkpoints;

/// <summary>
/// A signed statement "the ledger's entry <see cref="Sequence"/> has hash <see cref="HeadHash"/>": a compact JWS
/// (ES256) whose payload is the RFC 8785 JSON <c>{"headHash","sequence","signedAt"}</c>. Whoever rewrites the ledger and
/// every hash after it still cannot produce the signature without the key, which lives in the secret store, not the
/// database.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>The ledger entry the checkpoint vouches for (and every entry before it, through the chain).</summary>
    public required long Sequence { get; init; }

    public required string HeadHash { get; init; }

    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>The signing key's id (the JWS header's <c>kid</c>).</summary>
    public required string KeyId { get; init; }

    /// <summary>The compact JWS: base64url(header).base64url(payload).base64url(signature).</summary>
    public required string Jws { get; init; }
}
