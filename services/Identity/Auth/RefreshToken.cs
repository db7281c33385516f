namespace SpaceOfSport.Identity.Auth;

/// <summary>
/// One refresh token, stored as the SHA-256 of the opaque value the client holds. Every refresh spends the token and
/// issues the next one in the same <see cref="FamilyId"/> (one sign-in); presenting a spent token revokes the family.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public Guid FamilyId { get; init; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was exchanged for its successor.</summary>
    public DateTimeOffset? SpentAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
