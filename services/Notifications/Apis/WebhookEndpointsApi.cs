using System.Security.Claims;
using System.Security.Cryptography;
using Dapr.Client;
using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.BuildingBlocks.Validation;
using SpaceOfSport.Contracts.Events.Notifications;
using SpaceOfSport.Notifications.Realtime;
using SpaceOfSport.Notifications.Webhooks;

namespace SpaceOfSport.Notifications.Apis;

/// <summary>What staff send to register or change an endpoint; <see cref="Version"/> (on a change) is the one they read.</summary>
public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled, int? Version);

/// <summary>An endpoint as the API shows it: never its secret (shown once, in <see cref="CreatedWebhookEndpoint"/> or a rotation).</summary>
public sealed record WebhookEndpointResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, string? DisabledReason, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WebhookEndpointResponse From(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.EventTypes, e.Description, e.Enabled, e.DisabledReason, e.Version, e.CreatedAt, e.UpdatedAt);
}

/// <summary>A new endpoint with its signing secret: the only time the shop shows it.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpointResponse Endpoint, string Secret);

/// <summary>A rotated secret: the only time the shop shows it; deliveries are signed with it from now on.</summary>
public sealed record RotatedWebhookSecret(Guid EndpointId, string Secret);

/// <summary>One delivery in an endpoint's log; <see cref="Payload"/> is exactly the body that was signed and sent.</summary>
public sealed record WebhookDeliveryResponse(
    Guid EventId, string EventType, string Status, int AttemptCount, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttempt> Attempts, string Payload)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(d.EventId, d.EventType, d.Status, d.Attempts.Count, d.CreatedAt,
        d.Status == WebhookDelivery.Pending ? d.NextAttemptAt : null, d.Attempts, d.Payload);
}

/// <summary>
/// Partners' webhook endpoints (<c>webhooks:manage</c>): register, list, change, delete, rotate the secret, read the
/// delivery log, replay a delivery. Through the gateway under <c>/api/notifications/webhooks/...</c>.
/// </summary>
public static class WebhookEndpointsApi
{
    private const int MaxDescriptionLength = 200;
    private const int SecretBytes = 32;

    public static IEndpointRouteBuilder MapWebhookEndpointsApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").RequirePermission(Permissions.WebhooksManage).WithTags("Webhooks");
        webhooks.MapGet("/event-types", ListEventTypes).WithName("ListWebhookEventTypes").WithSummary("The event types an endpoint may subscribe to.");
        var endpoints = webhooks.MapGroup("/endpoints");
        endpoints.MapPost("/", CreateEndpoint).WithName("CreateWebhookEndpoint").WithSummary("Registers a partner endpoint; the answer shows its signing secret, once.");
        endpoints.MapGet("/", ListEndpoints).WithName("ListWebhookEndpoints").WithSummary("Every registered endpoint (no secrets).");
        endpoints.MapGet("/{id:guid}", GetEndpoint).WithName("GetWebhookEndpoint").WithSummary("One endpoint (no secret).");
        endpoints.MapPut("/{id:guid}", UpdateEndpoint).WithName("UpdateWebhookEndpoint")
            .WithSummary("Changes URL, event types, description or enabled; names the version read (409 with the current state otherwise).");
        endpoints.MapDelete("/{id:guid}", DeleteEndpoint).WithName("DeleteWebhookEndpoint").WithSummary("Removes the endpoint and what it still had to deliver.");
        endpoints.MapPost("/{id:guid}/secret", RotateSecret).WithName("RotateWebhookSecret").WithSummary("A new signing secret, shown once; the old one stops at once.");
        endpoints.MapGet("/{id:guid}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries")
            .WithSummary($"The endpoint's latest {WebhookStore.RecentDeliveries} deliveries, newest first, with every attempt.");
        endpoints.MapGet("/{id:guid}/deliveries/{eventId:guid}", GetDelivery).WithName("GetWebhookDelivery").WithSummary("One delivery with its attempts and body.");
        endpoints.MapPost("/{id:guid}/deliveries/{eventId:guid}/replay", ReplayDelivery).WithName("ReplayWebhookDelivery")
            .WithSummary("Sends a finished delivery again (same webhook-id, new signature), after what the endpoint still has queued.");
        return app;
    }

    public static Ok<IReadOnlyList<string>> ListEventTypes() => TypedResults.Ok(WebhookEventTypes.All);

    public static async Task<Results<Created<CreatedWebhookEndpoint>, ValidationProblem>> CreateEndpoint(
        WebhookEndpointRequest request, ClaimsPrincipal principal, WebhookStore store, EndpointAddressRules rules, DaprClient dapr, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (Validate(request, rules) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var now = clock.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            Url = request.Url!,
            EventTypes = Normalised(request.EventTypes!),
            Description = Described(request.Description),
            Enabled = request.Enabled ?? true,
            Secret = NewSecret(),
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await store.TryAddAsync(endpoint, cancellationToken))
            throw new DependencyUnavailableException("state store", new InvalidOperationException("the endpoint list changed during the registration"));
        await dapr.PublishIntegrationEventAsync(WebhookEndpointChanges.Of(endpoint, WebhookEndpointChanged.Created, HubIdentity.UserOf(principal), clock), cancellationToken);
        return TypedResults.Created($"/api/webhooks/endpoints/{endpoint.Id}", new CreatedWebhookEndpoint(WebhookEndpointResponse.From(endpoint), endpoint.Secret));
    }

    public static async Task<Ok<IReadOnlyList<WebhookEndpointResponse>>> ListEndpoints(WebhookStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WebhookEndpointResponse>>([.. (await store.EndpointsAsync(cancellationToken)).OrderBy(e => e.CreatedAt).Select(WebhookEndpointResponse.From)]);

    public static async Task<Results<Ok<WebhookEndpointResponse>, NotFoundProblem>> GetEndpoint(Guid id, WebhookStore store, CancellationToken cancellationToken) =>
        (await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(id), cancellationToken)).Value is { } endpoint
            ? TypedResults.Ok(WebhookEndpointResponse.From(endpoint))
            : NoSuchEndpoint(id);

    public static async Task<Results<Ok<WebhookEndpointResponse>, ValidationProblem, NotFoundProblem, Conflict<WebhookEndpointResponse>>> UpdateEndpoint(
        Guid id, WebhookEndpointRequest request, ClaimsPrincipal principal, WebhookStore store, EndpointAddressRules rules, DaprClient dapr,
        WebhookDeliveryWorker worker, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request, rules);
        if (request.Version is null) errors["version"] = ["the version you read is required"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (current, etag) = await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(id), cancellationToken);
        if (current is null || etag is null) return NoSuchEndpoint(id);
        if (current.Version != request.Version) return TypedResults.Conflict(WebhookEndpointResponse.From(current));
        var enabled = request.Enabled ?? current.Enabled;
        var changed = current with
        {
            Url = request.Url!,
            EventTypes = Normalised(request.EventTypes!),
            Description = Described(request.Description),
            Enabled = enabled,
            DisabledReason = enabled ? null : current.DisabledReason,
            Version = current.Version + 1,
            UpdatedAt = clock.GetUtcNow(),
        };
        if (!await store.TryReplaceAsync(changed, etag, cancellationToken))
            return TypedResults.Conflict(WebhookEndpointResponse.From((await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(id), cancellationToken)).Value ?? current));
        await dapr.PublishIntegrationEventAsync(WebhookEndpointChanges.Of(changed, WebhookEndpointChanged.Updated, HubIdentity.UserOf(principal), clock), cancellationToken);
        if (changed.Enabled) worker.Wake(); // switched back on: what waited in its queue goes out now
        return TypedResults.Ok(WebhookEndpointResponse.From(changed));
    }

    public static async Task<Results<NoContent, NotFoundProblem>> DeleteEndpoint(
        Guid id, ClaimsPrincipal principal, WebhookStore store, DaprClient dapr, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(id), cancellationToken);
            if (current is null || etag is null) return NoSuchEndpoint(id);
            if (await store.TryRemoveAsync(id, etag, cancellationToken))
            {
                await dapr.PublishIntegrationEventAsync(WebhookEndpointChanges.Of(current, WebhookEndpointChanged.Deleted, HubIdentity.UserOf(principal), clock), cancellationToken);
                return TypedResults.NoContent();
            }
            if (attempt >= 20) throw new DependencyUnavailableException("state store", new InvalidOperationException($"endpoint {id} stayed contended"));
        }
    }

    public static async Task<Results<Ok<RotatedWebhookSecret>, NotFoundProblem>> RotateSecret(
        Guid id, ClaimsPrincipal principal, WebhookStore store, DaprClient dapr, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(id), cancellationToken);
            if (current is null || etag is null) return NoSuchEndpoint(id);
            var rotated = current with { Secret = NewSecret(), Version = current.Version + 1, UpdatedAt = clock.GetUtcNow() };
            if (await store.TryReplaceAsync(rotated, etag, cancellationToken))
            {
                await dapr.PublishIntegrationEventAsync(WebhookEndpointChanges.Of(rotated, WebhookEndpointChanged.SecretRotated, HubIdentity.UserOf(principal), clock), cancellationToken);
                return TypedResults.Ok(new RotatedWebhookSecret(id, rotated.Secret));
            }
            if (attempt >= 20) throw new DependencyUnavailableException("state store", new InvalidOperationException($"endpoint {id} stayed contended"));
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<WebhookDeliveryResponse>>, NotFoundProblem>> ListDeliveries(
        Guid id, WebhookStore store, CancellationToken cancellationToken)
    {
        if ((await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(id), cancellationToken)).Value is null) return NoSuchEndpoint(id);
        var queue = (await store.GetAsync<WebhookQueue>(WebhookStore.QueueKey(id), cancellationToken)).Value ?? new WebhookQueue();
        var deliveries = await store.GetManyAsync<WebhookDelivery>(queue.Recent.Select(e => WebhookStore.DeliveryKey(id, e)), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WebhookDeliveryResponse>>([.. deliveries.Select(WebhookDeliveryResponse.From)]);
    }

    public static async Task<Results<Ok<WebhookDeliveryResponse>, NotFoundProblem>> GetDelivery(
        Guid id, Guid eventId, WebhookStore store, CancellationToken cancellationToken) =>
        (await store.GetAsync<WebhookDelivery>(WebhookStore.DeliveryKey(id, eventId), cancellationToken)).Value is { } delivery
            ? TypedResults.Ok(WebhookDeliveryResponse.From(delivery))
            : new NotFoundProblem($"Endpoint {id} has no delivery of event {eventId}.");

    public static async Task<Results<Accepted<WebhookDeliveryResponse>, NotFoundProblem, BusinessRuleProblem>> ReplayDelivery(
        Guid id, Guid eventId, WebhookStore store, WebhookDeliveryWorker worker, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (delivery, deliveryETag) = await store.GetAsync<WebhookDelivery>(WebhookStore.DeliveryKey(id, eventId), cancellationToken);
            var (endpoint, _) = await store.GetAsync<WebhookEndpoint>(WebhookStore.EndpointKey(id), cancellationToken);
            if (delivery is null || deliveryETag is null || endpoint is null) return new NotFoundProblem($"Endpoint {id} has no delivery of event {eventId}.");
            if (delivery.Status == WebhookDelivery.Pending)
                return new BusinessRuleProblem("Delivery still pending", "The delivery is still queued: it goes out by itself.", new Dictionary<string, object?> { ["reason"] = "delivery-pending" });
            if (!endpoint.Enabled)
                return new BusinessRuleProblem("Endpoint disabled", "Switch the endpoint on before replaying to it.", new Dictionary<string, object?> { ["reason"] = "endpoint-disabled" });
            var now = clock.GetUtcNow();
            var replayed = delivery with { Status = WebhookDelivery.Pending, RoundStartedAt = now, NextAttemptAt = now };
            var (queue, queueETag) = await store.GetAsync<WebhookQueue>(WebhookStore.QueueKey(id), cancellationToken);
            if (await store.TryRequeueAsync(replayed, deliveryETag, queue ?? new WebhookQueue(), queueETag, cancellationToken))
            {
                worker.Wake();
                return TypedResults.Accepted($"/api/webhooks/endpoints/{id}/deliveries/{eventId}", WebhookDeliveryResponse.From(replayed));
            }
            if (attempt >= 20) throw new DependencyUnavailableException("state store", new InvalidOperationException($"endpoint {id} stayed contended"));
        }
    }

    private static NotFoundProblem NoSuchEndpoint(Guid id) => new($"No webhook endpoint {id}.");

    private static Dictionary<string, string[]> Validate(WebhookEndpointRequest request, EndpointAddressRules rules)
    {
        var errors = new Dictionary<string, string[]>();
        if (rules.Problem(request.Url) is { } urlProblem) errors["url"] = [urlProblem];
        if (request.EventTypes is not { Count: > 0 } types) errors["eventTypes"] = [$"at least one of {string.Join(", ", WebhookEventTypes.All)}"];
        else if (types.FirstOrDefault(t => !WebhookEventTypes.All.Contains(t)) is { } unknown)
            errors["eventTypes"] = [$"'{unknown}' is not one of {string.Join(", ", WebhookEventTypes.All)}"];
        if (request.Description is { } description && (description.Length > MaxDescriptionLength || !TextRules.IsSingleLine(description)))
            errors["description"] = [$"one line of at most {MaxDescriptionLength} characters"];
        return errors;
    }

    private static IReadOnlyList<string> Normalised(IReadOnlyList<string> eventTypes) => [.. eventTypes.Distinct().Order(StringComparer.Ordinal)];

    private static string? Described(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    /// <summary>Standard Webhooks' secret format: <c>whsec_</c> and base64 of random bytes (32: the HMAC-SHA256 key size).</summary>
    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));
}
