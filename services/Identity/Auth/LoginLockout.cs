using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.Identity.Data;

namespace SpaceOfSport.Identity.Auth;

/// <summary>
/// Locks sign-in for an email after <c>Identity:Lockout:MaxFailures</c> failures (default 5) within
/// <c>Identity:Lockout:Window</c> (15 min), for <c>Identity:Lockout:Duration</c> (15 min). Counted per normalized email
/// in the database, so all replicas agree and unknown emails behave as known ones.
/// </summary>
public sealed class LoginLockout(IdentityDbContext db, IConfiguration configuration, TimeProvider clock)
{
    private readonly int _maxFailures = configuration.GetValue("Identity:Lockout:MaxFailures", 5);
    private readonly TimeSpan _window = configuration.GetValue("Identity:Lockout:Window", TimeSpan.FromMinutes(15));
    private readonly TimeSpan _duration = configuration.GetValue("Identity:Lockout:Duration", TimeSpan.FromMinutes(15));

    /// <summary>How long the email stays locked, or null when it is not.</summary>
    public async Task<TimeSpan?> LockedForAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var failures = await db.LoginFailures.AsNoTracking().SingleOrDefaultAsync(f => f.NormalizedEmail == normalizedEmail, cancellationToken);
        var now = clock.GetUtcNow();
        return failures?.LockedUntil is { } until && until > now ? until - now : null;
    }

    public async Task RecordFailureAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var failures = await db.LoginFailures.SingleOrDefaultAsync(f => f.NormalizedEmail == normalizedEmail, cancellationToken);
        if (failures is null)
        {
            failures = new LoginFailures { NormalizedEmail = normalizedEmail, WindowStartedAt = now };
            db.LoginFailures.Add(failures);
        }
        if (now - failures.WindowStartedAt > _window)
        {
            failures.WindowStartedAt = now;
            failures.Count = 0;
        }
        failures.Count++;
        if (failures.Count >= _maxFailures)
        {
            failures.LockedUntil = now + _duration;
            failures.Count = 0;
            failures.WindowStartedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // A concurrent first failure for the same email created the row: one failure less counted, no harm.
            db.ChangeTracker.Clear();
        }
    }

    public Task ResetAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.LoginFailures.Where(f => f.NormalizedEmail == normalizedEmail).ExecuteDeleteAsync(cancellationToken);
}
