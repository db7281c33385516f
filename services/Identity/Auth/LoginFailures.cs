namespace SpaceOfSport.Identity.Auth;

/// <summary>
/// Failed sign-ins per normalized email, whether or not an account has it: unknown emails lock out exactly as known
/// ones, so lockout reveals nothing about who has an account.
/// </summary>
public sealed class LoginFailures
{
    public required string NormalizedEmail { get; init; }

    public int Count { get; set; }

    public DateTimeOffset WindowStartedAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}
