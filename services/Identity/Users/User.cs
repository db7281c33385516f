using SpaceOfSport.Identity.Roles;

namespace SpaceOfSport.Identity.Users;

/// <summary>A shop account. <see cref="NormalizedEmail"/> (upper-case invariant) is unique, so emails differing only in case collide.</summary>
public sealed class User
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Email { get; set; }

    public required string NormalizedEmail { get; set; }

    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (V3: PBKDF2-HMAC-SHA512, salted, its iteration count inside).</summary>
    public required string PasswordHash { get; set; }

    public string? Name { get; set; }

    /// <summary>E.164 (<c>+4915112345678</c>), for SMS.</summary>
    public string? Phone { get; set; }

    /// <summary>The language messages to the user are written in (BCP 47, e.g. <c>es</c> or <c>de-AT</c>); null: the shop's default.</summary>
    public string? Locale { get; set; }

    public CommunicationPreferences Communication { get; set; } = new();

    public SizePreferences Sizes { get; set; } = new();

    public List<Address> Addresses { get; } = [];

    public List<UserRole> Roles { get; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
