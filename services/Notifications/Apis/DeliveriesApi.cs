using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Notifications.Messages;
using SpaceOfSport.Notifications.Realtime;

namespace SpaceOfSport.Notifications.Apis;

/// <summary>A delivery as the log shows it: no address or phone number, only the channel and where it went (a file name for the file bindings).</summary>
public sealed record DeliveryResponse(
    Guid Id, Guid EventId, Guid UserId, string Template, string Channel, string Locale, string Status, int Attempts, string? Error, string? Reference,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DeliveryResponse From(Delivery d) =>
        new(d.Id, d.EventId, d.UserId, d.Template, d.Channel, d.Locale, d.Status, d.Attempts, d.Error, d.Reference, d.CreatedAt, d.UpdatedAt);
}

/// <summary>The delivery log: staff see the latest deliveries (<c>notifications:read</c>), a customer their own.</summary>
public static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deliveries", ListDeliveries).RequirePermission(Permissions.NotificationsRead).WithTags("Deliveries")
            .WithName("ListDeliveries").WithSummary($"The latest {DeliveryStore.RecentLogSize} deliveries, newest first, optionally of one customer.");
        app.MapGet("/api/me", ListMyDeliveries).RequireAuthorization().WithTags("Deliveries")
            .WithName("ListMyDeliveries").WithSummary("The signed-in customer's messages, newest first.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<DeliveryResponse>>> ListDeliveries(Guid? userId, DeliveryStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<DeliveryResponse>>([.. (userId is { } user
            ? await store.ListForUserAsync(user, cancellationToken)
            : await store.ListRecentAsync(cancellationToken)).Select(DeliveryResponse.From)]);

    public static async Task<Ok<IReadOnlyList<DeliveryResponse>>> ListMyDeliveries(ClaimsPrincipal principal, DeliveryStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<DeliveryResponse>>([.. (await store.ListForUserAsync(
            HubIdentity.UserOf(principal) ?? throw new InvalidOperationException("an authorized request carries a user id"), cancellationToken)).Select(DeliveryResponse.From)]);
}
