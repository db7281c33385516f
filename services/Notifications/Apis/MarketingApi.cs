using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.Notifications.Marketing;
using SpaceOfSport.Notifications.Realtime;

namespace SpaceOfSport.Notifications.Apis;

public sealed record MarketingPreferences(bool FlashSales, bool CartReminders);

/// <summary>
/// What marketing a customer receives beyond identity's channel switches: flash sales are opt-in, cart reminders
/// opt-out; every marketing email carries a one-click unsubscribe link (<c>/api/notifications/unsubscribe/{token}</c>).
/// </summary>
public static class MarketingApi
{
    public static IEndpointRouteBuilder MapMarketingApi(this IEndpointRouteBuilder app)
    {
        var marketing = app.MapGroup("/api/marketing").RequireAuthorization().WithTags("Marketing");
        marketing.MapGet("/", GetMarketing).WithName("GetMarketing").WithSummary("The signed-in customer's marketing choices.");
        marketing.MapPut("/flash-sales", JoinFlashSales).WithName("JoinFlashSales").WithSummary("Be told when a flash sale starts.");
        marketing.MapDelete("/flash-sales", LeaveFlashSales).WithName("LeaveFlashSales").WithSummary("Stop being told about flash sales.");
        // RFC 8058 one-click: mail programs POST; a person following the link gets a page with the button.
        app.MapPost("/api/unsubscribe/{token}", Unsubscribe).AllowAnonymous().WithTags("Marketing").DisableAntiforgery()
            .WithName("Unsubscribe").WithSummary("Leave the list an unsubscribe link names (one click, RFC 8058).");
        app.MapGet("/api/unsubscribe/{token}", UnsubscribePage).AllowAnonymous().WithTags("Marketing")
            .WithName("UnsubscribePage").WithSummary("A page asking to confirm the unsubscription.");
        return app;
    }

    public static async Task<Ok<MarketingPreferences>> GetMarketing(ClaimsPrincipal principal, MarketingLists lists, CancellationToken cancellationToken)
    {
        var user = UserOf(principal);
        return TypedResults.Ok(new MarketingPreferences(
            await lists.IsMemberAsync(MarketingList.FlashSales, user, cancellationToken),
            !await lists.HasUnsubscribedAsync(MarketingList.CartReminders, user, cancellationToken)));
    }

    public static async Task<NoContent> JoinFlashSales(ClaimsPrincipal principal, MarketingLists lists, CancellationToken cancellationToken)
    {
        await lists.JoinAsync(MarketingList.FlashSales, UserOf(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> LeaveFlashSales(ClaimsPrincipal principal, MarketingLists lists, CancellationToken cancellationToken)
    {
        await lists.LeaveAsync(MarketingList.FlashSales, UserOf(principal), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFoundProblem>> Unsubscribe(string token, MarketingLists lists, CancellationToken cancellationToken) =>
        await lists.UnsubscribeAsync(token, cancellationToken) ? TypedResults.NoContent() : new NotFoundProblem("No such unsubscribe link.");

    public static ContentHttpResult UnsubscribePage(string token) => TypedResults.Content($"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head>
        <body><form method="post" action="/api/notifications/unsubscribe/{Uri.EscapeDataString(token)}"><button type="submit">Unsubscribe</button></form></body></html>
        """, "text/html; charset=utf-8");

    private static Guid UserOf(ClaimsPrincipal principal) =>
        HubIdentity.UserOf(principal) ?? throw new InvalidOperationException("an authorized request carries a user id");
}
