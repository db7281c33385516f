using System.Security.Claims;

namespace SpaceOfSport.Identity.Apis;

public static class CurrentUser
{
    /// <summary>The <c>sub</c> of the caller's access token.</summary>
    public static Guid Id(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst("sub")?.Value, out var id) ? id : Guid.Empty;
}
