using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.Payments.Webhooks;
using Stripe;

namespace SpaceOfSport.Payments.Apis;

/// <summary>
/// Stripe's events, two ways in, one handler: <c>POST /webhooks/stripe</c> (Stripe → gateway → payments) and the
/// <c>stripe-events</c> Dapr input binding (AWS: a relay puts each webhook request on SQS as
/// <c>{"payload": "&lt;raw body&gt;", "stripeSignature": "t=...,v1=..."}</c>).
/// </summary>
public static class StripeWebhookApi
{
    public const string WebhookPath = "/webhooks/stripe";

    /// <summary>The input binding's name, which is also the route Dapr posts its messages to.</summary>
    public const string BindingName = "stripe-events";

    public static WebApplication MapStripeWebhookApi(this WebApplication app)
    {
        app.MapPost(WebhookPath, ReceiveWebhook).WithTags("Webhooks").WithName("StripeWebhook")
            .WithSummary("A Stripe event, signed (Stripe-Signature): 200 when handled or already handled, 400 when forged or stale.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapPost($"/{BindingName}", ReceiveFromBinding).WithTags("Webhooks").WithName("StripeEventsBinding")
            .WithSummary("A Stripe webhook request relayed through the stripe-events input binding; the same handler.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult, BusyProblem>> ReceiveWebhook(
        HttpRequest request, StripeWebhookHandler handler, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        return await HandleAsync(handler, payload, request.Headers["Stripe-Signature"].ToString(), StripeWebhookHandler.ViaHttp, cancellationToken);
    }

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult, BusyProblem>> ReceiveFromBinding(
        RelayedWebhook message, StripeWebhookHandler handler, CancellationToken cancellationToken)
    {
        if (message.Payload is null) return Rejected("the relayed message has no payload");
        return await HandleAsync(handler, message.Payload, message.StripeSignature, StripeWebhookHandler.ViaBinding, cancellationToken);
    }

    /// <summary>Stripe unreachable while re-reading the object: a 503, so Stripe (or the queue) delivers the event again later.</summary>
    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult, BusyProblem>> HandleAsync(
        StripeWebhookHandler handler, string payload, string? signature, string via, CancellationToken cancellationToken)
    {
        try
        {
            var (outcome, problem) = await handler.HandleAsync(payload, signature, via, cancellationToken);
            return outcome == WebhookOutcome.Rejected
                ? Rejected(problem ?? "invalid signature")
                : TypedResults.Ok(new WebhookReceipt(outcome == WebhookOutcome.Duplicate));
        }
        catch (Exception exception) when (exception is StripeException or HttpRequestException)
        {
            return new BusyProblem($"Stripe could not be asked for the current state: {exception.Message}", retryAfterSeconds: 5);
        }
    }

    private static ProblemHttpResult Rejected(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid Stripe event", detail: detail);

    public sealed record WebhookReceipt(bool Duplicate);

    /// <summary>A webhook request as the relay puts it on the queue.</summary>
    public sealed record RelayedWebhook(string? Payload, string? StripeSignature);
}
