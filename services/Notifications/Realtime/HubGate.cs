using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// The door of <c>/ws</c>, before SignalR: a browser's <c>Origin</c> must be an allowed one (403 otherwise, against
/// cross-site WebSocket hijacking); credentials, when presented (the <c>access_token</c> query SignalR's clients send
/// over WebSockets, or an <c>Authorization: Bearer</c> header), must be valid (401 otherwise, never a silent switch to
/// anonymous): an identity access token, or a one-time ticket from <c>POST /api/tickets</c>. Without credentials the
/// connection is anonymous and may join only public channels.
/// </summary>
public static class HubGate
{
    public const string AccessTokenQuery = "access_token";

    public static bool IsHubRequest(HttpContext context) => context.Request.Path.StartsWithSegments(RealtimeHub.Path);

    /// <summary>The credential a hub request carries; the query is read for the hub's path only.</summary>
    public static string? PresentedCredential(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header[7..].Trim();
        return request.Query[AccessTokenQuery].ToString() is { Length: > 0 } query ? query : null;
    }

    /// <summary>An access token is a JWS (three dot-separated parts); anything else is taken for a ticket.</summary>
    public static bool LooksLikeAccessToken(string credential) => credential.Count(c => c == '.') == 2;

    public static async Task GuardAsync(HttpContext context, Func<Task> next)
    {
        if (!IsHubRequest(context))
        {
            await next();
            return;
        }

        var settings = context.RequestServices.GetRequiredService<IOptions<HubSettings>>().Value;
        var origin = context.Request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0 && !settings.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Origin not allowed", "This origin may not open the hub.");
            return;
        }

        if (PresentedCredential(context.Request) is { } credential)
        {
            if (LooksLikeAccessToken(credential))
            {
                var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
                if (!result.Succeeded)
                {
                    await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Invalid access token", "The access token is invalid or expired.");
                    return;
                }

                context.User = result.Principal;
            }
            else if (context.WebSockets.IsWebSocketRequest)
            {
                // A ticket is spent by the WebSocket request itself (clients skip negotiation, see README).
                var principal = await context.RequestServices.GetRequiredService<TicketStore>().RedeemAsync(credential, context.RequestAborted);
                if (principal is null)
                {
                    await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Invalid ticket", "The ticket is unknown, used or expired.");
                    return;
                }

                context.User = principal;
            }
        }

        await next();
    }

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
