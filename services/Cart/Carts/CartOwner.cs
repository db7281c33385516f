using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace SpaceOfSport.Cart.Carts;

/// <summary>
/// Whose cart a request is about: the signed-in user's (the token's <c>sub</c>), else the anonymous cart named by the
/// httpOnly cookie the cart API sets. <see cref="PendingAnonymousToken"/> is an anonymous cart to merge into the
/// signed-in user's on this request (the shopper just signed in).
/// </summary>
public sealed record CartOwner(string Key, Guid? UserId, string? AnonymousToken, string? PendingAnonymousToken)
{
    public const string CookieName = "sos_cart";

    private const int TokenBytes = 16;

    public bool IsAnonymous => UserId is null;

    /// <summary>The owner of this request's cart; null for an anonymous caller without a cart yet (and not creating one).</summary>
    public static CartOwner? Of(HttpContext context, bool create)
    {
        var cookie = context.Request.Cookies[CookieName] is { } value && IsWellFormed(value) ? value : null;
        if (UserIdOf(context.User) is { } userId) return new CartOwner(CartKeys.OfUser(userId), userId, null, cookie);
        if (cookie is not null) return new CartOwner(CartKeys.OfAnonymous(cookie), null, cookie, null);
        if (!create) return null;

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
        context.Response.Cookies.Append(CookieName, token, CookieOptions(context));
        return new CartOwner(CartKeys.OfAnonymous(token), null, token, null);
    }

    /// <summary>The anonymous cart is gone (merged): the browser forgets it.</summary>
    public static void ForgetAnonymousCart(HttpContext context) => context.Response.Cookies.Delete(CookieName, CookieOptions(context));

    public static Guid? UserIdOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && Guid.TryParse(principal.FindFirst("sub")?.Value, out var id) ? id : null;

    private static CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = TimeSpan.FromDays(30),
        IsEssential = true,
    };

    /// <summary>Only tokens this API could have issued name a cart: 16 random bytes, base64url.</summary>
    private static bool IsWellFormed(string token) =>
        token.Length == 22 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
