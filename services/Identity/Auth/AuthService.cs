using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Identity.V1;
using SpaceOfSport.Identity.Data;
using SpaceOfSport.Identity.Roles;
using SpaceOfSport.Identity.Users;

namespace SpaceOfSport.Identity.Auth;

/// <summary>
/// <c>spaceofsport.identity.v1.Auth</c>: sign-in, refresh and sign-out, over gRPC and as JSON through transcoding
/// (<c>POST /api/auth/login|refresh|logout</c>).
/// </summary>
public sealed class AuthService(
    IdentityDbContext db,
    UserPasswordHasher hasher,
    LoginLockout lockout,
    LoginRateLimiter rateLimiter,
    RefreshTokenService refreshTokens,
    AccessTokenIssuer accessTokens,
    TimeProvider clock) : SpaceOfSport.Contracts.Identity.V1.Auth.AuthBase
{
    /// <summary>One answer for an unknown email and a wrong password, so sign-in reveals no accounts.</summary>
    public const string InvalidCredentials = "Invalid email or password.";

    public override async Task<TokenResponse> Login(LoginRequest request, ServerCallContext context)
    {
        var email = User.Normalize(request.Email ?? "");
        if (email.Length == 0 || string.IsNullOrEmpty(request.Password))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Email and password are required."));
        var http = context.GetHttpContext();
        if (rateLimiter.TryAcquire(ClientAddress.Of(http), email) is { } wait)
            throw TooManyRequests(http, wait, "Too many sign-in attempts; try again later.");
        if (await lockout.LockedForAsync(email, context.CancellationToken) is { } locked)
            throw TooManyRequests(http, locked, "Too many failed sign-ins; try again later.");

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email, context.CancellationToken);
        var verified = PasswordVerificationResult.Failed;
        if (user is null) hasher.VerifyDecoy(request.Password);
        else verified = hasher.Verify(user.PasswordHash, request.Password);
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            await lockout.RecordFailureAsync(email, context.CancellationToken);
            throw new RpcException(new Status(StatusCode.Unauthenticated, InvalidCredentials));
        }

        // A hash from an older format or a lower iteration count is upgraded while we hold the password.
        if (verified == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.Hash(request.Password);
        await lockout.ResetAsync(email, context.CancellationToken);
        return await IssueAsync(user.Id, user.Email, Guid.CreateVersion7(), announceStaffSignIn: true, context.CancellationToken);
    }

    public override async Task<TokenResponse> Refresh(RefreshRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (rateLimiter.TryAcquire(ClientAddress.Of(http), normalizedEmail: null) is { } wait)
            throw TooManyRequests(http, wait, "Too many requests; try again later.");
        var spent = await refreshTokens.SpendAsync(request.RefreshToken ?? "", context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The refresh token is invalid, expired or revoked."));
        var email = await db.Users.Where(u => u.Id == spent.UserId).Select(u => u.Email).SingleOrDefaultAsync(context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The refresh token is invalid, expired or revoked."));
        return await IssueAsync(spent.UserId, email, spent.FamilyId, announceStaffSignIn: false, context.CancellationToken);
    }

    public override async Task<LogoutResponse> Logout(LogoutRequest request, ServerCallContext context)
    {
        await refreshTokens.RevokeAsync(request.RefreshToken ?? "", context.CancellationToken);
        return new LogoutResponse();
    }

    private async Task<TokenResponse> IssueAsync(Guid userId, string email, Guid familyId, bool announceStaffSignIn, CancellationToken cancellationToken)
    {
        var (roles, permissions) = await UserPermissions.LoadAsync(db, userId, cancellationToken);
        var refreshToken = refreshTokens.Issue(userId, familyId);
        // A sign-in that grants any permission is a critical action (audit); it is announced with the refresh token's row.
        if (announceStaffSignIn && permissions.Count > 0)
            db.AddIntegrationEvent(new StaffSignedIn { UserId = userId, Roles = [.. roles.Order(StringComparer.Ordinal)], OccurredAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenResponse
        {
            AccessToken = await accessTokens.IssueAsync(userId, email, roles, permissions, cancellationToken),
            TokenType = "Bearer",
            ExpiresIn = (int)accessTokens.Lifetime.TotalSeconds,
            RefreshToken = refreshToken,
            RefreshExpiresIn = (int)refreshTokens.Lifetime.TotalSeconds,
        };
    }

    /// <summary>
    /// RESOURCE_EXHAUSTED with a <c>retry-after</c> trailer (seconds) for gRPC clients; the same as a Retry-After
    /// header, which JSON transcoding turns into a 429 response's header.
    /// </summary>
    private static RpcException TooManyRequests(HttpContext http, TimeSpan wait, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.RetryAfter = seconds;
        return new RpcException(new Status(StatusCode.ResourceExhausted, detail), new Metadata { { "retry-after", seconds } });
    }
}
