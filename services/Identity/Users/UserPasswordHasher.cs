using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Identity.Users;

/// <summary>
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> in its V3 format (PBKDF2-HMAC-SHA512, 128-bit salt,
/// 256-bit subkey) at the library's current default iteration count (<see cref="IterationCount"/>: 100,000 in .NET 10),
/// unless <c>Identity:PasswordHashIterations</c> says otherwise, of the password's NFKC form. Hashes of an older count,
/// or of a password hashed as typed before normalization, are upgraded at sign-in.
/// </summary>
public sealed class UserPasswordHasher
{
    private readonly PasswordHasher<User> _hasher;

    /// <summary>A hash of a random password, verified when the email is unknown so both answers cost the same time.</summary>
    private readonly string _decoyHash;

    public UserPasswordHasher(IConfiguration configuration)
    {
        PasswordNormalization.EnsureSupported();
        var options = new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 };
        if (configuration.GetValue<int?>("Identity:PasswordHashIterations") is { } iterations) options.IterationCount = iterations;
        IterationCount = options.IterationCount;
        _hasher = new PasswordHasher<User>(Options.Create(options));
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString());
    }

    public int IterationCount { get; }

    /// <summary>The hash of the password's NFKC form (<see cref="PasswordNormalization"/>).</summary>
    public string Hash(string password) => _hasher.HashPassword(null!, PasswordNormalization.Normalize(password));

    /// <summary>
    /// Checks the password's NFKC form. Hashes stored before passwords were normalized are of the password as typed, so
    /// when the two forms differ the typed one is tried too, and a match asks for a rehash (of the normalized form).
    /// </summary>
    public PasswordVerificationResult Verify(string hash, string password)
    {
        var normalized = PasswordNormalization.Normalize(password);
        var result = _hasher.VerifyHashedPassword(null!, hash, normalized);
        if (result != PasswordVerificationResult.Failed || normalized == password) return result;
        return _hasher.VerifyHashedPassword(null!, hash, password) == PasswordVerificationResult.Failed
            ? PasswordVerificationResult.Failed
            : PasswordVerificationResult.SuccessRehashNeeded;
    }

    /// <summary>Spends the time of a verification (one or two, as <see cref="Verify"/> would) without an account.</summary>
    public void VerifyDecoy(string password) => Verify(_decoyHash, password);
}
