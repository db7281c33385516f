using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Identity.Users;

/// <summary>
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> in its V3 format (PBKDF2-HMAC-SHA512, 128-bit salt,
/// 256-bit subkey) at the library's current default iteration count (<see cref="IterationCount"/>: 100,000 in .NET 10),
/// unless <c>Identity:PasswordHashIterations</c> says otherwise. Hashes of an older count are upgraded at sign-in.
/// </summary>
public sealed class UserPasswordHasher
{
    private readonly PasswordHasher<User> _hasher;

    /// <summary>A hash of a random password, verified when the email is unknown so both answers cost the same time.</summary>
    private readonly string _decoyHash;

    public UserPasswordHasher(IConfiguration configuration)
    {
        var options = new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 };
        if (configuration.GetValue<int?>("Identity:PasswordHashIterations") is { } iterations) options.IterationCount = iterations;
        IterationCount = options.IterationCount;
        _hasher = new PasswordHasher<User>(Options.Create(options));
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString());
    }

    public int IterationCount { get; }

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordVerificationResult Verify(string hash, string password) => _hasher.VerifyHashedPassword(null!, hash, password);

    /// <summary>Spends the time of one verification without an account.</summary>
    public void VerifyDecoy(string password) => _hasher.VerifyHashedPassword(null!, _decoyHash, password);
}
