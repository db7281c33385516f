using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Payments.Webhooks;

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

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveWebhook(
        HttpRequest request, StripeWebhookHandler handler, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        return Answer(await handler.HandleAsync(payload, request.Headers["Stripe-Signature"].ToString(), StripeWebhookHandler.ViaHttp, cancellationToken));
    }

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveFromBinding(
        RelayedWebhook message, StripeWebhookHandler handler, CancellationToken cancellationToken)
    {
        if (message.Payload is null) return Rejected("the relayed message has no payload");
        return Answer(await handler.HandleAsync(message.Payload, message.StripeSignature, StripeWebhookHandler.ViaBinding, cancellationToken));
    }

    private static Results<Ok<WebhookReceipt>, ProblemHttpResult> Answer((WebhookOutcome Outcome, string? Problem) handled) => handled.Outcome switch
    {
        WebhookOutcome.Rejected => Rejected(handled.Problem ?? "invalid signature"),
        var outcome => TypedResults.Ok(new WebhookReceipt(outcome == WebhookOutcome.Duplicate)),
    };

    private static ProblemHttpResult Rejected(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid Stripe event", detail: detail);

    public sealed record WebhookReceipt(bool Duplicate);

    /// <summary>A webhook request as the relay puts it on the queue.</summary>
    public sealed record RelayedWebhook(string? Payload, string? StripeSignature);
}
