using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Notifications.Realtime;

namespace SpaceOfSport.Notifications.Apis;

/// <summary>A one-time ticket and how many seconds it may wait to be used.</summary>
public sealed record TicketResponse(string Ticket, int ExpiresIn);

/// <summary>
/// <c>POST /api/notifications/tickets</c> through the gateway: trades the caller's access token for a one-time ticket
/// to open the hub with (<c>/ws?access_token={ticket}</c>), so the token itself never appears in a URL.
/// </summary>
public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tickets", IssueTicket).RequireAuthorization().WithTags("Hub")
            .WithName("IssueHubTicket").WithSummary("A single-use, short-lived ticket for opening the real-time hub.");
        return app;
    }

    public static async Task<Results<Ok<TicketResponse>, UnauthorizedHttpResult>> IssueTicket(
        ClaimsPrincipal user, TicketStore tickets, Microsoft.Extensions.Options.IOptions<HubSettings> settings, CancellationToken cancellationToken)
    {
        if (HubIdentity.UserOf(user) is not { } id || HubIdentity.ExpiryOf(user) is not { } expires) return TypedResults.Unauthorized();
        var ticket = await tickets.IssueAsync(id, expires, cancellationToken);
        return TypedResults.Ok(new TicketResponse(ticket, (int)settings.Value.TicketLifetime.TotalSeconds));
    }
}
