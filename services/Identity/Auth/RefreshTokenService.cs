using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using SpaceOfSport.Identity.Data;

namespace SpaceOfSport.Identity.Auth;

/// <summary>Opaque rotating refresh tokens (32 random bytes), stored only as their SHA-256.</summary>
public sealed class RefreshTokenService(IdentityDbContext db, IConfiguration configuration, TimeProvider clock)
{
    public TimeSpan Lifetime { get; } = configuration.GetValue("Identity:RefreshTokenLifetime", TimeSpan.FromDays(14));

    /// <summary>A new token in <paramref name="familyId"/>; saved with the context's next <c>SaveChanges</c>.</summary>
    public string Issue(Guid userId, Guid familyId)
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = userId,
            FamilyId = familyId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        return token;
    }

    /// <summary>
    /// Spends <paramref name="token"/> and returns it, or null when it is unknown, expired or revoked. A token spent
    /// before (a replay: the thief's copy or the owner's) revokes its whole family.
    /// </summary>
    public async Task<RefreshToken?> SpendAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = Hash(token);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null || stored.RevokedAt is not null) return null;
        var now = clock.GetUtcNow();
        if (stored.SpentAt is not null)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return null;
        }
        if (stored.ExpiresAt <= now) return null;

        // Conditional, so two concurrent uses of one token cannot both succeed: the loser counts as a replay.
        var spent = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.SpentAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.SpentAt, now), cancellationToken);
        if (spent == 1) return stored;
        await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
        return null;
    }

    /// <summary>Logout: revokes the family of <paramref name="token"/> (this sign-in on every device it was refreshed on).</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token)) return;
        var hash = Hash(token);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } family) await RevokeFamilyAsync(family, cancellationToken);
    }

    /// <summary>Every sign-in of the user (password change).</summary>
    public Task<int> RevokeAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
