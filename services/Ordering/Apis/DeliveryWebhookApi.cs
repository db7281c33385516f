using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Webhooks;
using SpaceOfSport.Contracts.Webhooks;
using SpaceOfSport.Ordering.Delivery;

namespace SpaceOfSport.Ordering.Apis;

/// <summary>
/// Delivery partners' events, two ways in, one handler: <c>POST /webhooks/delivery</c> (partner → gateway → ordering,
/// Standard Webhooks headers, replay window) and the <c>delivery-events</c> input binding (a relay queues the signed
/// request, <see cref="RelayedDeliveryWebhook"/>; signature checked, no replay window on a queue). Forged, stale or
/// malformed → 400 and nothing changes; a message id seen before → 200 <c>{"duplicate": true}</c>.
/// </summary>
public static class DeliveryWebhookApi
{
    public const string WebhookPath = "/webhooks/delivery";

    public static IEndpointRouteBuilder MapDeliveryWebhookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(WebhookPath, ReceiveWebhookAsync).AllowAnonymous().WithTags("Webhooks").WithName("DeliveryWebhook")
            .WithSummary("A delivery partner's shipped or delivered event, signed (webhook-id, webhook-timestamp, webhook-signature).");
        app.MapPost($"/{DaprComponents.DeliveryEvents}", ReceiveFromBindingAsync).AllowAnonymous().WithTags("Webhooks").WithName("DeliveryEventsBinding")
            .WithSummary("A delivery partner's signed webhook request relayed through the delivery-events input binding; the same handler.");
        return app;
    }

    public static async Task<Results<Ok<DeliveryReceipt>, ValidationProblem, BusinessRuleProblem, ConflictProblem, BusyProblem>> ReceiveWebhookAsync(
        HttpRequest request, DeliveryWebhookVerifier verifier, DeliveryEventHandler handler, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        return await HandleAsync(verifier, handler, request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
            request.Headers["webhook-signature"].ToString(), payload, DeliveryEventHandler.ViaHttp, cancellationToken);
    }

    public static async Task<Results<Ok<DeliveryReceipt>, ValidationProblem, BusinessRuleProblem, ConflictProblem, BusyProblem>> ReceiveFromBindingAsync(
        RelayedDeliveryWebhook message, DeliveryWebhookVerifier verifier, DeliveryEventHandler handler, CancellationToken cancellationToken)
    {
        if (message.Payload is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["payload"] = ["the relayed request has no body"] });
        return await HandleAsync(verifier, handler, message.WebhookId, message.WebhookTimestamp, message.WebhookSignature, message.Payload,
            DeliveryEventHandler.ViaBinding, cancellationToken);
    }

    private static async Task<Results<Ok<DeliveryReceipt>, ValidationProblem, BusinessRuleProblem, ConflictProblem, BusyProblem>> HandleAsync(
        DeliveryWebhookVerifier verifier, DeliveryEventHandler handler, string? messageId, string? timestamp, string? signature, string payload, string via,
        CancellationToken cancellationToken)
    {
        try
        {
            if (await verifier.VerifyAsync(messageId, timestamp, signature, payload, replayWindow: via == DeliveryEventHandler.ViaHttp, cancellationToken) is { } refused)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [refused.Problem] },
                    title: "Not a genuine delivery partner message");
            }
        }
        catch (WebhookSecretUnavailableException exception)
        {
            return new BusyProblem($"Delivery messages cannot be verified now: {exception.Message}", retryAfterSeconds: 60);
        }

        return await handler.HandleAsync(messageId!, payload, via, cancellationToken) switch
        {
            DeliveryOutcome.Applied applied => TypedResults.Ok(new DeliveryReceipt(applied.Duplicate)),
            DeliveryOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "Not a delivery event"),
            DeliveryOutcome.Unknown unknown => new BusinessRuleProblem("Unknown order", unknown.Detail),
            DeliveryOutcome.NotNow notNow => new ConflictProblem("Not allowed in this status", notNow.Detail, new Dictionary<string, object?> { ["status"] = notNow.Status }),
            var other => throw new InvalidOperationException($"unexpected outcome {other}"),
        };
    }

    /// <summary>Handled: <see cref="Duplicate"/> when the message (or the fact it reports) was already known, and nothing changed.</summary>
    public sealed record DeliveryReceipt(bool Duplicate);
}
