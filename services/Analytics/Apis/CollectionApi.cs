using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SpaceOfSport.Analytics.Collection;
using SpaceOfSport.Analytics.Events;
using SpaceOfSport.Analytics.Recommendations;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Webhooks;

namespace SpaceOfSport.Analytics.Apis;

/// <summary>
/// <c>POST /webhooks/events</c>: the storefront's server sends usage events in signed batches (Standard Webhooks,
/// replay window). Forged, stale or malformed → 400 and nothing is stored; an event id seen before is counted as a
/// duplicate and changes nothing.
/// </summary>
public static class CollectionApi
{
    public const string WebhookPath = "/webhooks/events";

    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static IEndpointRouteBuilder MapCollectionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(WebhookPath, ReceiveAsync).AllowAnonymous().WithTags("Collection").WithName("ReceiveUsageEvents")
            .WithSummary("Up to 500 usage events from the storefront's server, signed (webhook-id, webhook-timestamp, webhook-signature).");
        return app;
    }

    /// <summary>What a batch needs besides the request, bound with <c>[AsParameters]</c>.</summary>
    public sealed record CollectionServices(
        HttpRequest Request, StandardWebhookVerifier Verifier, EventRecorder Recorder, IOptions<CollectionOptions> Options, TimeProvider Clock);

    public static async Task<Results<Ok<EventsReceipt>, ValidationProblem, BusyProblem>> ReceiveAsync(
        [AsParameters] CollectionServices services, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(services.Request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        var headers = services.Request.Headers;
        try
        {
            if (await services.Verifier.VerifyAsync(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
                    payload, services.Options.Value.WebhookTolerance, cancellationToken) is { } refused)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [refused.Problem] }, title: "Not a genuine storefront batch");
        }
        catch (WebhookSecretUnavailableException exception)
        {
            return new BusyProblem($"Usage events cannot be verified now: {exception.Message}", retryAfterSeconds: 60);
        }

        UsageEventBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize<UsageEventBatch>(payload, Json);
        }
        catch (JsonException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [exception.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body"] = ["is not valid JSON for this field"] },
                title: "Not a batch of usage events");
        }

        var (events, errors) = UsageEventValidation.Validate(batch, services.Clock.GetUtcNow(), services.Options.Value);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Not a batch of usage events");

        var sizes = events.Where(e => e.Size is not null).ToDictionary(e => e.Event.Id, e => e.Size);
        var outcome = await services.Recorder.RecordAsync([.. events.Select(e => e.Event)], cancellationToken,
            (db, fresh, token) => SkuProducts.LearnAsync(db, fresh, sizes, token));
        return TypedResults.Ok(new EventsReceipt(outcome.Accepted, outcome.Duplicates));
    }
}
