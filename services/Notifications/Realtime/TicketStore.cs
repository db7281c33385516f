using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>What a ticket stands for: the user and when their access token expires.</summary>
public sealed record TicketGrant(Guid User, DateTimeOffset TokenExpiresAt, DateTimeOffset IssuedAt);

/// <summary>
/// One-time tickets for opening the hub without putting the access token in a URL: issued to a signed-in caller,
/// kept in the state store (only their SHA-256, with a TTL) so any replica can redeem them, and redeemed once by an
/// ETag-checked delete: two connections racing with one ticket cannot both win.
/// </summary>
public sealed class TicketStore(DaprClient dapr, IOptions<HubSettings> settings, TimeProvider clock)
{
    public async Task<string> IssueAsync(Guid user, DateTimeOffset tokenExpiresAt, CancellationToken cancellationToken)
    {
        var ticket = Base64Url(RandomNumberGenerator.GetBytes(32));
        var lifetime = settings.Value.TicketLifetime;
        try
        {
            await dapr.SaveStateAsync(DaprComponents.StateStore, Key(ticket), new TicketGrant(user, tokenExpiresAt, clock.GetUtcNow()),
                metadata: new Dictionary<string, string> { ["ttlInSeconds"] = Math.Max(1, (int)Math.Ceiling(lifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture) },
                cancellationToken: cancellationToken);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }

        return ticket;
    }

    /// <summary>The principal the ticket stands for, or null when it is unknown, used, or too old.</summary>
    public async Task<ClaimsPrincipal?> RedeemAsync(string ticket, CancellationToken cancellationToken)
    {
        if (ticket.Length is < 16 or > 128) return null;
        var key = Key(ticket);
        try
        {
            var (grant, etag) = await dapr.GetStateAndETagAsync<TicketGrant?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
            if (grant is null || string.IsNullOrEmpty(etag)) return null;
            if (!await dapr.TryDeleteStateAsync(DaprComponents.StateStore, key, etag, cancellationToken: cancellationToken)) return null;
            var now = clock.GetUtcNow();
            if (now - grant.IssuedAt > settings.Value.TicketLifetime || grant.TokenExpiresAt <= now) return null;
            return new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(HubIdentity.SubjectClaim, grant.User.ToString()),
                    new Claim(HubIdentity.ExpiryClaim, grant.TokenExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                ], authenticationType: "ticket"));
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    private static string Key(string ticket) => $"hub-ticket-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)))}";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
