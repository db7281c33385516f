using System.Globalization;
using System.Security.Claims;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>Who a hub connection is, read from its principal (an access token's claims, or a redeemed ticket's).</summary>
public static class HubIdentity
{
    public const string SubjectClaim = "sub";
    public const string ExpiryClaim = "exp";

    public static Guid? UserOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true && Guid.TryParse(principal.FindFirst(SubjectClaim)?.Value, out var user) ? user : null;

    /// <summary>When the access token behind the connection expires (its <c>exp</c>, Unix seconds).</summary>
    public static DateTimeOffset? ExpiryOf(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirst(ExpiryClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
