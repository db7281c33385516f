using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.Notifications.Alerts;
using SpaceOfSport.Notifications.Realtime;

namespace SpaceOfSport.Notifications.Apis;

public sealed record AlertRequest(string? Sku);

public sealed record AlertResponse(string Sku, DateTimeOffset CreatedAt, DateTimeOffset? NotifiedAt)
{
    public static AlertResponse From(Alert alert) => new(alert.Sku, alert.CreatedAt, alert.NotifiedAt);
}

/// <summary>
/// Back-in-stock alerts of the signed-in user (<c>/api/notifications/alerts</c> through the gateway): when the SKU
/// comes back, the user's <c>notifications:{userId}</c> channel gets a <c>back-in-stock</c> message.
/// </summary>
public static partial class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").RequireAuthorization().WithTags("Alerts");
        alerts.MapGet("/", ListAlerts).WithName("ListAlerts").WithSummary("The caller's back-in-stock alerts.");
        alerts.MapPost("/", CreateAlert).WithName("CreateAlert").WithSummary("Ask to be told when a SKU is back in stock.");
        alerts.MapDelete("/{sku}", DeleteAlert).WithName("DeleteAlert").WithSummary("Stop waiting for a SKU.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<AlertResponse>>> ListAlerts(ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AlertResponse>>([.. (await store.ListAsync(UserOf(user), cancellationToken)).Select(AlertResponse.From)]);

    public static async Task<Results<Created<AlertResponse>, Ok<AlertResponse>, ValidationProblem, BusinessRuleProblem>> CreateAlert(
        AlertRequest request, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken)
    {
        if (request.Sku is not { } sku || !SkuPattern().IsMatch(sku))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sku"] = ["A SKU: 1 to 64 letters, digits, '.', '_' or '-'."] });

        var (outcome, alert) = await store.AddAsync(UserOf(user), sku, cancellationToken);
        return outcome switch
        {
            AlertOutcome.Created => TypedResults.Created($"/api/alerts/{sku}", AlertResponse.From(alert!)),
            AlertOutcome.AlreadyWaiting => TypedResults.Ok(AlertResponse.From(alert!)),
            _ => new BusinessRuleProblem("Too many alerts", $"A customer may wait for at most {AlertStore.MaxAlertsPerUser} SKUs.",
                new Dictionary<string, object?> { ["reason"] = "alerts-per-user" }),
        };
    }

    public static async Task<Results<NoContent, NotFoundProblem>> DeleteAlert(string sku, ClaimsPrincipal user, AlertStore store, CancellationToken cancellationToken) =>
        await store.RemoveAsync(UserOf(user), sku, cancellationToken) ? TypedResults.NoContent() : new NotFoundProblem($"No alert for '{sku}'.");

    private static Guid UserOf(ClaimsPrincipal user) =>
        HubIdentity.UserOf(user) ?? throw new InvalidOperationException("an authorized request carries a user id");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SkuPattern();
}
