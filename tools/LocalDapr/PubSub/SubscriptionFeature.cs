using System.Net;
using System.Text.Json;
using LocalDapr.Components;
using LocalDapr.Sidecar;

namespace LocalDapr.PubSub;

/// <summary>
/// Subscribes a ready app to its topics: the programmatic subscriptions it lists on <c>GET /dapr/subscribe</c>
/// plus the declarative <c>Subscription</c> resources scoped to it
/// (https://docs.dapr.io/developing-applications/building-blocks/pubsub/subscription-methods/). Each subscription
/// joins the broker's consumer group the component's <c>consumerID</c> names (<see cref="ConsumerGroups"/>; the
/// app-id by default), so replicas of an app share the messages unless their consumer ids differ.
/// </summary>
public sealed class SubscriptionFeature : ISidecarFeature
{
    public async Task<IAsyncDisposable?> StartAsync(Sidecar.LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        if (sidecar.App is null) return null;
        var subscriptions = (await ProgrammaticAsync(sidecar, cancellationToken))
            .Concat(sidecar.Components.Resources.Subscriptions.Where(s => s.IsVisibleTo(sidecar.AppId)).Select(TopicSubscription.FromManifest));

        var active = new ActiveSubscriptions(sidecar);
        var seen = new HashSet<(string, string)>();
        try
        {
            foreach (var subscription in subscriptions)
            {
                if (await SubscribeAsync(sidecar, subscription, seen, cancellationToken) is { } started) active.Add(started);
            }

            foreach (var (manifest, pubsub) in sidecar.Components.All<IPubSub>(sidecar.AppId))
                (pubsub as IStartupRetention)?.ConsumerGroupSubscribed(ConsumerGroups.For(sidecar, manifest));
        }
        catch
        {
            await active.DisposeAsync();
            throw;
        }

        return active;
    }

    private static async Task<IAsyncDisposable?> SubscribeAsync(
        Sidecar.LocalSidecar sidecar, TopicSubscription subscription, HashSet<(string, string)> seen, CancellationToken cancellationToken)
    {
        var name = $"{subscription.PubSubName}/{subscription.Topic}";
        if (!seen.Add((subscription.PubSubName, subscription.Topic)))
        {
            sidecar.Logger.LogWarning("app '{AppId}': {Origin} subscribes to {Subscription} again; the first subscription wins", sidecar.AppId, subscription.Origin, name);
            return null;
        }

        var (manifest, pubsub) = sidecar.Components.All<IPubSub>(sidecar.AppId).FirstOrDefault(c => c.Manifest.Name == subscription.PubSubName);
        if (pubsub is null)
        {
            sidecar.Logger.LogWarning("app '{AppId}': {Origin} names pubsub '{PubSub}', which is not defined or not scoped to this app; not subscribed to {Subscription}",
                sidecar.AppId, subscription.Origin, subscription.PubSubName, name);
            return null;
        }

        SubscriptionDelivery delivery;
        try
        {
            delivery = SubscriptionDelivery.Create(sidecar, subscription, pubsub);
        }
        catch (FormatException e)
        {
            sidecar.Logger.LogError("app '{AppId}': {Origin}: {Problem}; not subscribed to {Subscription}", sidecar.AppId, subscription.Origin, e.Message, name);
            return null;
        }

        Func<BrokerMessage, CancellationToken, Task<DeliveryOutcome>> deliver = delivery.DeliverAsync;
        if (subscription.Bulk is { } bulk)
        {
            // A bulk handler cannot take single events; rather no subscription, said loudly, than events it fails on.
            if (sidecar.App!.AppCallback is not null)
            {
                sidecar.Logger.LogError("app '{AppId}': {Origin} enables bulkSubscribe for {Subscription}, which this runtime delivers to HTTP apps only (not AppCallback.OnBulkTopicEvent); NOT subscribed",
                    sidecar.AppId, subscription.Origin, name);
                return null;
            }

            deliver = new BulkDelivery(sidecar, subscription, delivery, bulk).DeliverAsync;
        }

        try
        {
            var started = await pubsub.SubscribeAsync(subscription.Topic, ConsumerGroups.For(sidecar, manifest), deliver, cancellationToken);
            sidecar.Subscriptions[(subscription.PubSubName, subscription.Topic)] = subscription;
            sidecar.Logger.LogInformation("app '{AppId}' subscribed to {Subscription} ({Origin})", sidecar.AppId, name, subscription.Origin);
            return started;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            sidecar.Logger.LogError(e, "app '{AppId}': cannot subscribe to {Subscription}", sidecar.AppId, name);
            return null;
        }
    }

    /// <summary>Asks the app for its subscriptions; no endpoint (404) or an empty answer means none.</summary>
    private static async Task<IReadOnlyList<TopicSubscription>> ProgrammaticAsync(Sidecar.LocalSidecar sidecar, CancellationToken cancellationToken)
    {
        if (sidecar.App!.AppCallback is { } grpcApp) return await ListTopicSubscriptionsAsync(sidecar, grpcApp, cancellationToken);
        string text;
        try
        {
            using var response = await sidecar.App!.Client.GetAsync("/dapr/subscribe", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return [];
            text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                sidecar.Logger.LogWarning("app '{AppId}': GET /dapr/subscribe answered {Status}; no programmatic subscriptions", sidecar.AppId, (int)response.StatusCode);
                return [];
            }
        }
        catch (HttpRequestException e)
        {
            sidecar.Logger.LogWarning("app '{AppId}': GET /dapr/subscribe failed ({Error}); no programmatic subscriptions", sidecar.AppId, e.Message);
            return [];
        }

        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new JsonException("expected a JSON array of subscriptions");
            var result = new List<TopicSubscription>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (Parse(item) is { } subscription) result.Add(subscription);
                else sidecar.Logger.LogWarning("app '{AppId}': GET /dapr/subscribe lists an unusable subscription (it needs pubsubname, topic and a route): {Item}", sidecar.AppId, item.GetRawText());
            }

            return result;
        }
        catch (JsonException e)
        {
            sidecar.Logger.LogWarning("app '{AppId}': GET /dapr/subscribe answered something that is not a subscription list ({Error}); no programmatic subscriptions", sidecar.AppId, e.Message);
            return [];
        }
    }

    /// <summary>
    /// A gRPC app lists its subscriptions through <c>AppCallback.ListTopicSubscriptions</c>, as daprd asks it
    /// (pkg/runtime/pubsub GetSubscriptionsGRPC); Unimplemented means none. An app that answers neither this nor
    /// <c>OnTopicEvent</c> would never get an event, so that is said loudly.
    /// </summary>
    private static async Task<IReadOnlyList<TopicSubscription>> ListTopicSubscriptionsAsync(Sidecar.LocalSidecar sidecar, AppCallbackClient app, CancellationToken cancellationToken)
    {
        const string origin = "AppCallback.ListTopicSubscriptions";
        Dapr.AppCallback.Autogen.Grpc.v1.ListTopicSubscriptionsResponse response;
        try
        {
            response = await app.ListTopicSubscriptionsAsync(cancellationToken);
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.Unimplemented)
        {
            sidecar.Logger.LogWarning(
                "app '{AppId}' (appProtocol grpc) does not implement {Origin}: no programmatic subscriptions; declarative ones are delivered to AppCallback.OnTopicEvent. An app serving Dapr's HTTP callbacks (/dapr/subscribe) needs appProtocol http (or h2c)",
                sidecar.AppId, origin);
            return [];
        }
        catch (Grpc.Core.RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            sidecar.Logger.LogError("app '{AppId}' (appProtocol grpc): {Origin} failed ({Status}: {Error}); no programmatic subscriptions",
                sidecar.AppId, origin, e.StatusCode, e.Status.Detail);
            return [];
        }

        var result = new List<TopicSubscription>();
        foreach (var item in response.Subscriptions)
        {
            var rules = item.Routes?.Rules.Select(r => new RouteRule(r.Match, r.Path)).ToList() ?? [];
            var metadata = new Dictionary<string, string>(item.Metadata, StringComparer.OrdinalIgnoreCase);
            result.Add(new TopicSubscription(item.PubsubName, item.Topic, item.Routes?.Default, rules,
                string.IsNullOrEmpty(item.DeadLetterTopic) ? null : item.DeadLetterTopic, metadata, origin)
            {
                Bulk = BulkSubscribeOptions.From(item.BulkSubscribe?.Enabled ?? false, item.BulkSubscribe?.MaxMessagesCount, item.BulkSubscribe?.MaxAwaitDurationMs),
            });
        }

        return result;
    }

    /// <summary>One entry of <c>/dapr/subscribe</c>; names match without regard to case (the .NET SDK writes camelCase).</summary>
    private static TopicSubscription? Parse(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return null;
        var pubsub = Text(item, "pubsubname");
        var topic = Text(item, "topic");
        var route = Text(item, "route");
        var rules = new List<RouteRule>();
        if (Property(item, "routes") is { ValueKind: JsonValueKind.Object } routes)
        {
            route = Text(routes, "default") ?? route;
            if (Property(routes, "rules") is { ValueKind: JsonValueKind.Array } ruleList)
            {
                rules.AddRange(ruleList.EnumerateArray()
                    .Where(r => r.ValueKind == JsonValueKind.Object && Text(r, "path") is not null)
                    .Select(r => new RouteRule(Text(r, "match") ?? "", Text(r, "path")!)));
            }
        }

        if (string.IsNullOrEmpty(pubsub) || string.IsNullOrEmpty(topic) || (string.IsNullOrEmpty(route) && rules.Count == 0)) return null;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Property(item, "metadata") is { ValueKind: JsonValueKind.Object } meta)
        {
            foreach (var entry in meta.EnumerateObject())
                metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
        }

        var bulk = Property(item, "bulkSubscribe") is { ValueKind: JsonValueKind.Object } bulkOptions
            ? BulkSubscribeOptions.From(Property(bulkOptions, "enabled") is { ValueKind: JsonValueKind.True }, Int(bulkOptions, "maxMessagesCount"), Int(bulkOptions, "maxAwaitDurationMs"))
            : null;
        return new TopicSubscription(pubsub, topic, route, rules, Text(item, "deadLetterTopic"), metadata, "GET /dapr/subscribe") { Bulk = bulk };
    }

    private static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }

        return null;
    }

    private static int? Int(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    private static string? Text(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private sealed class ActiveSubscriptions(Sidecar.LocalSidecar sidecar) : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _subscriptions = [];

        public void Add(IAsyncDisposable subscription) => _subscriptions.Add(subscription);

        public async ValueTask DisposeAsync()
        {
            foreach (var subscription in _subscriptions) await subscription.DisposeAsync();
            _subscriptions.Clear();
            sidecar.Subscriptions.Clear();
        }
    }
}
