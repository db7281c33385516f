using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalDapr.Resiliency;

namespace LocalDapr.PubSub;

/// <summary>
/// Delivers the messages of one subscription to the app as daprd does
/// (https://docs.dapr.io/reference/api/pubsub_api/#provide-routes-for-dapr-to-deliver-topic-events):
/// <c>POST /{route}</c> with the CloudEvent, then the app's answer decides: SUCCESS (or an empty body), RETRY, DROP;
/// 404 drops, any other error retries. Retries follow the component's inbound resiliency policy; when they run out,
/// the message goes to the dead-letter topic if one is set (https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-deadletter/),
/// else it stays with the broker.
/// </summary>
internal sealed class SubscriptionDelivery
{
    /// <summary>Retries when a policy says "forever" (maxRetries -1): the broker still holds the message after that.</summary>
    private const int UnboundedRetryCap = 10;

    private readonly Sidecar.LocalSidecar _sidecar;
    private readonly IPubSub _pubsub;
    /// <summary>The rules in order; a rule without a match (null) takes every event that reaches it, as in daprd.</summary>
    private readonly IReadOnlyList<(RouteMatch? Match, string Path)> _rules;

    private SubscriptionDelivery(Sidecar.LocalSidecar sidecar, TopicSubscription subscription, IPubSub pubsub, IReadOnlyList<(RouteMatch?, string)> rules)
    {
        _sidecar = sidecar;
        Subscription = subscription;
        _pubsub = pubsub;
        _rules = rules;
    }

    public TopicSubscription Subscription { get; }

    private ILogger Logger => _sidecar.Logger;

    private string Name => $"{Subscription.PubSubName}/{Subscription.Topic}";

    /// <summary>Compiles the routing rules; throws <see cref="FormatException"/> for a rule outside the supported CEL subset.</summary>
    public static SubscriptionDelivery Create(Sidecar.LocalSidecar sidecar, TopicSubscription subscription, IPubSub pubsub) =>
        new(sidecar, subscription, pubsub, subscription.Rules.Select(r => (string.IsNullOrWhiteSpace(r.Match) ? null : RouteMatch.Parse(r.Match), r.Path)).ToList());

    public async Task<DeliveryOutcome> DeliverAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await TryDeliverAsync(message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A broker keeps pumping whatever one message does; this one stays with the broker where it can.
            Logger.LogError(e, "pub/sub message {Id} on {Subscription}: delivery failed", message.Id, Name);
            return DeliveryOutcome.Failed;
        }
    }

    private async Task<DeliveryOutcome> TryDeliverAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        var (body, cloudEvent) = Envelope(message);
        var eventId = cloudEvent["id"]?.ToString() ?? message.Id;
        if (IsExpired(cloudEvent))
        {
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: expired, dropped", eventId, Name);
            return DeliveryOutcome.Drop;
        }

        var route = Route(cloudEvent);
        if (route is null)
        {
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: no route matched and no default route, dropped", eventId, Name);
            return DeliveryOutcome.Drop;
        }

        var policy = _sidecar.Resiliency.ForComponentInbound(Subscription.PubSubName);
        var retry = policy.Retry ?? RetryPolicy.Default;
        var maxRetries = retry.MaxRetries < 0 ? UnboundedRetryCap : retry.MaxRetries;
        for (var attempt = 0; attempt <= maxRetries; attempt++)
        {
            if (attempt > 0) await Task.Delay(retry.DelayBefore(attempt), _sidecar.Services.Clock, cancellationToken);
            switch (await PostAsync(route, body, cloudEvent, eventId, policy, cancellationToken))
            {
                case AppAnswer.Success:
                    Logger.LogDebug("pub/sub event {EventId} on {Subscription}: delivered to /{Route}", eventId, Name, route);
                    return DeliveryOutcome.Success;
                case AppAnswer.Drop:
                    Logger.LogWarning("pub/sub event {EventId} on {Subscription}: the app answered DROP", eventId, Name);
                    return await DeadLetterAsync(message, eventId, cancellationToken) ?? DeliveryOutcome.Drop;
                case AppAnswer.NotFound:
                    Logger.LogError("pub/sub event {EventId} on {Subscription}: the app has no route /{Route} (404), dropped", eventId, Name, route);
                    return DeliveryOutcome.Drop;
                case AppAnswer.Unimplemented:
                    Logger.LogError("pub/sub event {EventId} on {Subscription}: app '{AppId}' (appProtocol grpc) does not implement AppCallback.OnTopicEvent, dropped",
                        eventId, Name, _sidecar.AppId);
                    return DeliveryOutcome.Drop;
                default:
                    continue;
            }
        }

        if (await DeadLetterAsync(message, eventId, cancellationToken) is { } deadLettered) return deadLettered;
        Logger.LogWarning("pub/sub event {EventId} on {Subscription}: failed after {Attempts} attempts, left with the broker", eventId, Name, maxRetries + 1);
        return DeliveryOutcome.Failed;
    }

    /// <summary>The bytes to deliver and the CloudEvent they hold; a message that is not a CloudEvent gets wrapped.</summary>
    internal (byte[] Body, JsonObject CloudEvent) Envelope(BrokerMessage message)
    {
        if (!Subscription.RawPayload)
        {
            try
            {
                if (JsonNode.Parse(message.Data) is JsonObject cloudEvent && cloudEvent.ContainsKey("specversion"))
                    return (message.Data, cloudEvent);
            }
            catch (JsonException)
            {
                // Not JSON: published with rawPayload; wrapped below.
            }
        }

        var wrapped = CloudEventEnvelope.FromRawPayload(message.Data, Subscription.Topic, Subscription.PubSubName);
        return (JsonSerializer.SerializeToUtf8Bytes(wrapped), wrapped);
    }

    internal bool IsExpired(JsonObject cloudEvent) =>
        cloudEvent["expiration"] is JsonValue expiration
        && expiration.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
        && expires < _sidecar.Services.Clock.GetUtcNow();

    /// <summary>Rules in order, first match wins; else the default route.</summary>
    internal string? Route(JsonObject cloudEvent)
    {
        foreach (var (match, path) in _rules)
        {
            if (match?.Matches(cloudEvent) ?? true) return path.TrimStart('/');
        }

        if (!string.IsNullOrEmpty(Subscription.DefaultRoute)) return Subscription.DefaultRoute.TrimStart('/');
        // daprd gives a gRPC app's subscription without routes the path "" (pkg/runtime/pubsub parseRoutingRulesGRPC).
        return _sidecar.App?.AppCallback is not null && _rules.Count == 0 ? "" : null;
    }

    private async Task<AppAnswer> PostAsync(string route, byte[] body, JsonObject cloudEvent, string eventId, ResiliencyPolicy policy, CancellationToken cancellationToken)
    {
        await _sidecar.WaitUntilAppHealthyAsync(cancellationToken);
        if (_sidecar.App!.AppCallback is { } grpcApp) return await CallOnTopicEventAsync(grpcApp, route, cloudEvent, eventId, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + route) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(CloudEventEnvelope.ContentType);
        foreach (var header in new[] { "traceparent", "tracestate" })
        {
            if (cloudEvent[header]?.ToString() is { Length: > 0 } value) request.Headers.TryAddWithoutValidation(header, value);
        }

        try
        {
            var (response, text) = await policy.ExecuteOnceAsync(async attemptCancellation =>
            {
                var answer = await _sidecar.App!.Client.SendAsync(request, attemptCancellation);
                return (answer, await answer.Content.ReadAsStringAsync(attemptCancellation));
            }, cancellationToken);
            using var disposeResponse = response;
            if (response.StatusCode == HttpStatusCode.NotFound) return AppAnswer.NotFound;
            if (!response.IsSuccessStatusCode)
            {
                Logger.LogWarning("pub/sub event {EventId} on {Subscription}: the app answered {Status} on /{Route}, retrying: {Body}",
                    eventId, Name, (int)response.StatusCode, route, text.Length > 300 ? text[..300] : text);
                return AppAnswer.Retry;
            }

            return ParseStatus(text, eventId);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or AttemptTimeoutException)
        {
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: cannot reach the app on /{Route}, retrying: {Error}", eventId, Name, route, e.Message);
            return AppAnswer.Retry;
        }
    }

    /// <summary>
    /// A gRPC app gets the event through <c>AppCallback.OnTopicEvent</c>, as daprd delivers it
    /// (pkg/runtime/subscription/postman/grpc): its status decides; Unimplemented drops the event, any other error retries.
    /// </summary>
    private async Task<AppAnswer> CallOnTopicEventAsync(Sidecar.AppCallbackClient app, string route, JsonObject cloudEvent, string eventId, CancellationToken cancellationToken)
    {
        Dapr.AppCallback.Autogen.Grpc.v1.TopicEventRequest request;
        try
        {
            request = GrpcTopicEvent.Create(cloudEvent, Subscription.Topic, Subscription.PubSubName, route);
        }
        catch (FormatException e)
        {
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: data_base64 is not base64, retrying: {Error}", eventId, Name, e.Message);
            return AppAnswer.Retry;
        }

        try
        {
            var response = await app.OnTopicEventAsync(request, cancellationToken);
            return response.Status switch
            {
                Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus.Success => AppAnswer.Success,
                Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus.Drop => AppAnswer.Drop,
                _ => AppAnswer.Retry,
            };
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Unimplemented)
        {
            return AppAnswer.Unimplemented;
        }
        catch (Grpc.Core.RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: OnTopicEvent failed ({Status}), retrying: {Error}", eventId, Name, e.StatusCode, e.Status.Detail);
            return AppAnswer.Retry;
        }
    }

    /// <summary>The status in a 2xx answer; a body that is not a JSON object with a status string means SUCCESS, as in daprd.</summary>
    private AppAnswer ParseStatus(string text, string eventId)
    {
        if (string.IsNullOrWhiteSpace(text)) return AppAnswer.Success;
        string? status;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return AppAnswer.Success;
            status = document.RootElement.EnumerateObject()
                .FirstOrDefault(p => p.Name.Equals("status", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                .Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return AppAnswer.Success;
        }

        switch (status?.ToUpperInvariant())
        {
            case null or "" or "SUCCESS":
                return AppAnswer.Success;
            case "RETRY":
                Logger.LogDebug("pub/sub event {EventId} on {Subscription}: the app answered RETRY", eventId, Name);
                return AppAnswer.Retry;
            case "DROP":
                return AppAnswer.Drop;
            default:
                Logger.LogWarning("pub/sub event {EventId} on {Subscription}: unknown status '{Status}' from the app, retrying", eventId, Name, status);
                return AppAnswer.Retry;
        }
    }

    /// <summary>Publishes the message unchanged to the dead-letter topic; null when the subscription has none.</summary>
    internal async Task<DeliveryOutcome?> DeadLetterAsync(BrokerMessage message, string eventId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Subscription.DeadLetterTopic)) return null;
        try
        {
            await _pubsub.PublishAsync(Subscription.DeadLetterTopic, message.Data, message.Metadata, cancellationToken);
            Logger.LogWarning("pub/sub event {EventId} on {Subscription}: moved to dead-letter topic {DeadLetterTopic}", eventId, Name, Subscription.DeadLetterTopic);
            return DeliveryOutcome.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "pub/sub event {EventId} on {Subscription}: cannot publish to dead-letter topic {DeadLetterTopic}, left with the broker",
                eventId, Name, Subscription.DeadLetterTopic);
            return DeliveryOutcome.Failed;
        }
    }

    private enum AppAnswer
    {
        Success,
        Retry,
        Drop,
        NotFound,
        Unimplemented,
    }
}
