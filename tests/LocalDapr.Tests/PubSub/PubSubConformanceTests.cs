using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr;
using Grpc.Core;
using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.PubSub;

// Contract: https://docs.dapr.io/reference/api/pubsub_api/ and
// https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-overview/
public sealed class PubSubConformanceTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/howto-publish-subscribe/
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Published_event_reaches_the_subscriber(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        var received = new List<Order>();
        await harness.StartAppAsync("order-processor", web => web.MapPost("/orders", (Order order) =>
        {
            lock (received) received.Add(order);
            return Results.Ok();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        var publisher = await harness.StartPublisherAsync("checkout");

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("o-1", "widget", 42));

        await Eventually.UntilAsync(() => received.Count == 1, "the order at the subscriber");
        received.Single().Should().Be(new Order("o-1", "widget", 42));
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-cloudevents/
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Delivery_carries_the_cloudevent_envelope(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        await harness.StartAppAsync("envelope-reader", web => web.MapPost("/raw", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "envelope-reader");
            return Results.Ok();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic), cloudEvents: false);
        var publisher = await harness.StartPublisherAsync("checkout");

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("o-2", "gadget", 7));

        var delivery = (await harness.Inbox.WaitForAsync(1)).Single();
        delivery.ContentType.Should().StartWith("application/cloudevents+json");
        var envelope = delivery.Json;
        Guid.TryParse(envelope["id"]!.GetValue<string>(), out _).Should().BeTrue();
        envelope["source"]!.GetValue<string>().Should().Be("checkout");
        envelope["type"]!.GetValue<string>().Should().Be("com.dapr.event.sent");
        envelope["specversion"]!.GetValue<string>().Should().Be("1.0");
        envelope["topic"]!.GetValue<string>().Should().Be(harness.Topic);
        envelope["pubsubname"]!.GetValue<string>().Should().Be(PubSubHarness.PubSubName);
        envelope["datacontenttype"]!.GetValue<string>().Should().Be("application/json");
        envelope["traceparent"]!.GetValue<string>().Should().MatchRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
        delivery.TraceParent.Should().Be(envelope["traceparent"]!.GetValue<string>());
        envelope["data"].Deserialize<Order>(Web).Should().Be(new Order("o-2", "gadget", 7));
    }

    // https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response (RETRY: the message is retried)
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Retry_status_redelivers_until_the_app_succeeds(string backend)
    {
        await using var harness = PubSubHarness.Create(backend, PubSubHarness.QuickRetries);
        var calls = 0;
        await harness.StartAppAsync("retrying-app", web => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "retrying-app");
            return Results.Json(new { status = Interlocked.Increment(ref calls) == 1 ? "RETRY" : "SUCCESS" });
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));

        var publisher = await harness.StartPublisherAsync();
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("o-3", "widget", 1));

        await harness.Logs.WaitForAsync(1, $"{PubSubHarness.PubSubName}/{harness.Topic}: delivered to /orders");
        harness.Inbox.Deliveries.Should().HaveCount(2);
        harness.Inbox.Deliveries.Select(d => d.Body).Distinct().Should().ContainSingle("the same event came back");
    }

    // https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response (DROP: warning logged, message dropped)
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Drop_status_ends_delivery_after_one_attempt(string backend)
    {
        await using var harness = PubSubHarness.Create(backend, PubSubHarness.QuickRetries);
        await harness.StartAppAsync("dropping-app", web => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "dropping-app");
            return Results.Json(new { status = "DROP" });
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("o-4", "widget", 1));

        await harness.Logs.WaitForAsync(1, $"{PubSubHarness.PubSubName}/{harness.Topic}: the app answered DROP");
        await Task.Delay(PubSubHarness.QuickRetriesWindow); // a retry would have come by now
        harness.Inbox.Deliveries.Should().ContainSingle();
    }

    // https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response (404: error logged, message dropped)
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Not_found_answer_drops_the_message(string backend)
    {
        await using var harness = PubSubHarness.Create(backend, PubSubHarness.QuickRetries);
        await harness.StartAppAsync("gone-app", web => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "gone-app");
            return Results.NotFound();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("o-5", "widget", 1));

        await harness.Logs.WaitForAsync(1, $"{PubSubHarness.PubSubName}/{harness.Topic}: the app has no route /orders (404), dropped");
        await Task.Delay(PubSubHarness.QuickRetriesWindow); // a retry would have come by now
        harness.Inbox.Deliveries.Should().ContainSingle();
    }

    // https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response (other non-2xx: retried) and
    // https://docs.dapr.io/operations/resiliency/targets/#components (inbound retries)
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Server_error_is_retried_per_the_inbound_resiliency_policy(string backend)
    {
        await using var harness = PubSubHarness.Create(backend, PubSubHarness.QuickRetries);
        await harness.StartAppAsync("failing-app", web => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "failing-app");
            return Results.StatusCode(500);
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("o-6", "widget", 1));

        await harness.Logs.WaitForAsync(1, $"{PubSubHarness.PubSubName}/{harness.Topic}: failed after 3 attempts");
        harness.Inbox.Deliveries.Should().HaveCount(3, "one delivery and two retries");
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-deadletter/
    [Theory]
    [InlineData("in-memory", 500)]
    [InlineData("redis", 500)]
    [InlineData("in-memory", 200)]
    [InlineData("redis", 200)]
    public async Task Dead_letter_topic_receives_what_the_app_could_not_take(string backend, int answer)
    {
        await using var harness = PubSubHarness.Create(backend, PubSubHarness.QuickRetries);
        var deadLetters = harness.NewTopic("poison");
        await harness.StartAppAsync("picky-app", web =>
        {
            // 500 exhausts the retries; 200 with DROP goes to the dead-letter topic at once (dapr/dapr#7097).
            web.MapPost("/orders", async (HttpRequest request) =>
            {
                await harness.Inbox.RecordAsync(request, "picky-app");
                return answer == 500 ? Results.StatusCode(500) : Results.Json(new { status = "DROP" });
            }).WithTopic(new TopicOptions { PubsubName = PubSubHarness.PubSubName, Name = harness.Topic, DeadLetterTopic = deadLetters });
            web.MapPost("/poison", async (HttpRequest request) =>
            {
                await harness.Inbox.RecordAsync(request, "picky-app");
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, deadLetters);
        });
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("o-7", "widget", 1));

        var dead = (await harness.Inbox.WaitForAsync(1, "/poison")).Single();
        JsonSerializer.Deserialize<Order>(dead.Body, Web).Should().Be(new Order("o-7", "widget", 1));
        harness.Inbox.To("/orders").Should().HaveCount(answer == 500 ? 3 : 1);
        harness.Logs.Count($"{PubSubHarness.PubSubName}/{harness.Topic}: moved to dead-letter topic {deadLetters}").Should().Be(1);
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/howto-route-messages/
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Routing_rules_send_each_event_to_the_first_matching_route(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        await harness.StartAppAsync("router", web =>
        {
            foreach (var path in new[] { "/widgets", "/large", "/other" })
            {
                var endpoint = web.MapPost(path, async (HttpRequest request) =>
                {
                    await harness.Inbox.RecordAsync(request, "router");
                    return Results.Ok();
                });
                endpoint.WithTopic(path switch
                {
                    "/widgets" => new TopicOptions { PubsubName = PubSubHarness.PubSubName, Name = harness.Topic, Match = "event.data.kind == \"widget\"", Priority = 1 },
                    "/large" => new TopicOptions { PubsubName = PubSubHarness.PubSubName, Name = harness.Topic, Match = "event.data.quantity > 100 && event.type != 'audit'", Priority = 2 },
                    _ => new TopicOptions { PubsubName = PubSubHarness.PubSubName, Name = harness.Topic },
                });
            }
        });
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("big-widget", "widget", 500));
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("big-gadget", "gadget", 500));
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("small-gadget", "gadget", 5));
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("audited-gadget", "gadget", 500),
            new Dictionary<string, string> { ["cloudevent.type"] = "audit" });

        var deliveries = await harness.Inbox.WaitForAsync(4);
        deliveries.ToDictionary(d => JsonSerializer.Deserialize<Order>(d.Body, Web)!.Id, d => d.Path).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["big-widget"] = "/widgets",
            ["big-gadget"] = "/large",
            ["small-gadget"] = "/other",
            ["audited-gadget"] = "/other",
        });
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/subscription-methods/#declarative-subscriptions
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Declarative_subscription_delivers_to_the_apps_in_its_scopes(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        var topic = harness.Topic;
        // Resources load when the first sidecar starts, so the subscription can still join the folder.
        harness.Folder.Write("subscription.yaml", $"""
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata:
              name: declared-orders
            spec:
              pubsubname: {PubSubHarness.PubSubName}
              topic: {topic}
              routes:
                rules:
                  - match: event.data.kind == "widget"
                    path: /declared/widgets
                default: /declared
            scopes:
              - in-scope
            """);
        foreach (var appId in new[] { "in-scope", "out-of-scope" })
        {
            await harness.StartAppAsync(appId, web =>
            {
                web.MapPost("/declared", async (HttpRequest request) => await harness.Inbox.RecordAsync(request, appId));
                web.MapPost("/declared/widgets", async (HttpRequest request) => await harness.Inbox.RecordAsync(request, appId));
            }, subscribeHandler: false);
        }

        await harness.WaitSubscribedAsync("in-scope", topic);
        harness.Logs.Count($"app 'out-of-scope' subscribed to {PubSubHarness.PubSubName}/{topic}").Should().Be(0);

        var publisher = await harness.StartPublisherAsync();
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, topic, new Order("w", "widget", 1));
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, topic, new Order("g", "gadget", 1));

        var deliveries = await harness.Inbox.WaitForAsync(2);
        deliveries.Should().OnlyContain(d => d.AppId == "in-scope");
        deliveries.Select(d => d.Path).Should().BeEquivalentTo(["/declared/widgets", "/declared"]);
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-raw/
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Raw_payload_subscription_receives_the_published_bytes(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        await harness.StartAppAsync("legacy-consumer", web => web.MapPost("/raw-orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "legacy-consumer");
            return Results.Ok();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic, enableRawPayload: true));
        var publisher = await harness.StartPublisherAsync();

        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("raw-1", "widget", 3),
            new Dictionary<string, string> { ["rawPayload"] = "true" });

        var delivery = (await harness.Inbox.WaitForAsync(1)).Single();
        JsonSerializer.Deserialize<Order>(delivery.Body, Web).Should().Be(new Order("raw-1", "widget", 3), "the raw JSON is the whole payload, without an envelope");
        JsonNode.Parse(delivery.Body)!.AsObject().ContainsKey("specversion").Should().BeFalse();
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-overview/ (each subscribing app gets every message)
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Every_subscribing_app_id_gets_its_own_copy(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        foreach (var appId in new[] { "shipping", "email" })
        {
            await harness.StartAppAsync(appId, web => web.MapPost("/orders", async (HttpRequest request) =>
            {
                await harness.Inbox.RecordAsync(request, appId);
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        }

        var publisher = await harness.StartPublisherAsync();
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("fan-1", "widget", 1));

        await harness.Logs.WaitForAsync(2, $"{PubSubHarness.PubSubName}/{harness.Topic}: delivered to /orders");
        harness.Inbox.Deliveries.Select(d => d.AppId).Should().BeEquivalentTo(["shipping", "email"]);
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-scopes/ ("competing consumers": replicas of one app-id share a consumer group)
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Replicas_of_one_app_id_share_the_messages(string backend)
    {
        const int Messages = 10;
        await using var harness = PubSubHarness.Create(backend);
        for (var replica = 0; replica < 2; replica++)
        {
            var name = $"replica-{replica}";
            await harness.StartAppAsync("worker", web => web.MapPost("/orders", async (HttpRequest request) =>
            {
                await harness.Inbox.RecordAsync(request, name);
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        }

        var publisher = await harness.StartPublisherAsync();
        for (var i = 0; i < Messages; i++)
            await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order($"job-{i}", "widget", i));

        await harness.Logs.WaitForAsync(Messages, $"{PubSubHarness.PubSubName}/{harness.Topic}: delivered to /orders");
        var ids = harness.Inbox.Deliveries.Select(d => JsonSerializer.Deserialize<Order>(d.Body, Web)!.Id).ToList();
        ids.Should().HaveCount(Messages).And.OnlyHaveUniqueItems();
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-message-ttl/ (expired messages are dropped)
    [Theory]
    [InlineData("in-memory")]
    [InlineData("redis")]
    public async Task Expired_event_is_not_delivered(string backend)
    {
        await using var harness = PubSubHarness.Create(backend);
        await harness.StartAppAsync("late-app", web => web.MapPost("/orders", async (HttpRequest request) =>
        {
            await harness.Inbox.RecordAsync(request, "late-app");
            return Results.Ok();
        }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        var publisher = await harness.StartPublisherAsync();
        var expired = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = "expired-1",
            ["source"] = "test",
            ["type"] = "com.example.order",
            ["datacontenttype"] = "application/json",
            ["expiration"] = "2000-01-01T00:00:00Z",
            ["data"] = new JsonObject { ["id"] = "stale" },
        };

        await publisher.Client.PublishByteEventAsync(PubSubHarness.PubSubName, harness.Topic,
            Encoding.UTF8.GetBytes(expired.ToJsonString()), "application/cloudevents+json");
        await publisher.Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("fresh", "widget", 1));

        await harness.Logs.WaitForAsync(1, $"event expired-1 on {PubSubHarness.PubSubName}/{harness.Topic}: expired, dropped");
        await harness.Inbox.WaitForAsync(1);
        harness.Inbox.Deliveries.Should().ContainSingle().Which.Body.Should().Contain("fresh");
    }

    // https://docs.dapr.io/reference/api/pubsub_api/#http-response-codes (a pubsub that does not exist is a bad request)
    [Fact]
    public async Task Publishing_to_an_unknown_pubsub_is_an_invalid_argument()
    {
        await using var harness = PubSubHarness.Create("in-memory");
        var publisher = await harness.StartPublisherAsync();

        var publish = () => publisher.Client.PublishEventAsync("no-such-pubsub", harness.Topic, new Order("x", "widget", 1));

        (await publish.Should().ThrowAsync<DaprException>())
            .Which.InnerException.Should().BeOfType<RpcException>()
            .Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    // https://docs.dapr.io/operations/components/component-scopes/
    [Fact]
    public async Task Component_scopes_hide_a_pubsub_from_other_apps()
    {
        var component = PubSubHarness.Component("in-memory", scopes: ["insider"]);
        await using var harness = PubSubHarness.CreateWith("in-memory", component);
        var apps = new Dictionary<string, DaprTestApp>();
        foreach (var appId in new[] { "insider", "outsider" })
        {
            apps[appId] = await harness.StartAppAsync(appId, web => web.MapPost("/orders", async (HttpRequest request) =>
            {
                await harness.Inbox.RecordAsync(request, appId);
                return Results.Ok();
            }).WithTopic(PubSubHarness.PubSubName, harness.Topic));
        }

        var publish = () => apps["outsider"].Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("x", "widget", 1));
        (await publish.Should().ThrowAsync<DaprException>())
            .Which.InnerException.Should().BeOfType<RpcException>()
            .Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        harness.Logs.Count("app 'outsider': GET /dapr/subscribe names pubsub 'pubsub', which is not defined or not scoped to this app").Should().Be(1);

        await apps["insider"].Client.PublishEventAsync(PubSubHarness.PubSubName, harness.Topic, new Order("in", "widget", 1));
        await harness.Logs.WaitForAsync(1, $"{PubSubHarness.PubSubName}/{harness.Topic}: delivered to /orders");
        harness.Inbox.Deliveries.Should().ContainSingle().Which.AppId.Should().Be("insider");
    }

    public sealed record Order(string Id, string Kind, int Quantity);
}
