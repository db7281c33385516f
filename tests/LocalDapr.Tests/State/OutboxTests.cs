using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapr;
using Dapr.Client;
using LocalDapr.Tests.Infrastructure;
using LocalDapr.Tests.PubSub;

namespace LocalDapr.Tests.State;

// Contract: https://docs.dapr.io/developing-applications/building-blocks/state-management/howto-outbox/ (a transaction
// on a state store with outboxPublishPubsub/outboxPublishTopic publishes each upsert, or its outbox.projection, to the
// topic once the state has committed, at least once; cloudevent.* metadata shapes the CloudEvent). Driven through the
// Dapr SDK and the HTTP API of a writer app's sidecar; a subscriber app receives what a subscriber under daprd would.
public sealed class OutboxTests
{
    public static IEnumerable<object[]> Stores => [["sqlite"], ["redis"]];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Each_upsert_of_a_transaction_is_published_after_the_commit_as_a_cloud_event_and_deletes_are_not(string store)
    {
        await using var bed = await OutboxBed.StartAsync(store);
        var (json, text, gone) = (bed.NewKey(), bed.NewKey(), bed.NewKey());

        await bed.Writer.Client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest(json, Encoding.UTF8.GetBytes("""{"sku":"A-1","quantity":2}"""), StateOperationType.Upsert,
                metadata: new Dictionary<string, string> { ["contentType"] = "application/json" }),
            new StateTransactionRequest(text, Encoding.UTF8.GetBytes("plain words"), StateOperationType.Upsert),
            new StateTransactionRequest(gone, null, StateOperationType.Delete),
        ]);

        var events = (await bed.Inbox.WaitForAsync(2)).Select(d => d.Json).ToList();
        var order = events.Single(e => e["datacontenttype"]!.GetValue<string>() == "application/json");
        order["data"]!.ToJsonString().Should().Be("""{"sku":"A-1","quantity":2}""");
        order["type"]!.GetValue<string>().Should().Be("com.dapr.event.sent");
        order["source"]!.GetValue<string>().Should().Be(bed.Writer.AppId);
        order["topic"]!.GetValue<string>().Should().Be(bed.Topic);
        order["pubsubname"]!.GetValue<string>().Should().Be("pubsub");
        order["specversion"]!.GetValue<string>().Should().Be("1.0");
        order["id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var words = events.Single(e => e != order);
        (words["datacontenttype"]!.GetValue<string>(), words["data"]!.GetValue<string>()).Should().Be(("text/plain", "plain words"));
        (await bed.Writer.Client.GetStateAsync<JsonObject>("statestore", json))["sku"]!.GetValue<string>().Should().Be("A-1");
        await bed.AssertNoMoreDeliveriesAsync(2);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_projection_is_published_instead_of_the_saved_value_and_is_not_saved(string store)
    {
        await using var bed = await OutboxBed.StartAsync(store);
        var key = bed.NewKey();

        await bed.Writer.Client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest(key, Encoding.UTF8.GetBytes("""{"customer":"Ada","card":"4242"}"""), StateOperationType.Upsert, metadata: Json),
            new StateTransactionRequest(key, Encoding.UTF8.GetBytes("""{"customer":"Ada"}"""), StateOperationType.Upsert,
                metadata: new Dictionary<string, string>(Json) { ["outbox.projection"] = "true" }),
        ]);

        var published = (await bed.Inbox.WaitForAsync(1)).Single().Json;
        published["data"]!.ToJsonString().Should().Be("""{"customer":"Ada"}""");
        (await bed.Writer.Client.GetStateAsync<JsonObject>("statestore", key)).ToJsonString().Should().Be("""{"customer":"Ada","card":"4242"}""");
        await bed.AssertNoMoreDeliveriesAsync(1);
    }

    [Fact]
    public async Task A_projection_with_no_upsert_of_its_key_fails_the_whole_transaction()
    {
        await using var bed = await OutboxBed.StartAsync("sqlite");
        var (saved, projected) = (bed.NewKey(), bed.NewKey());

        var failing = () => bed.Writer.Client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest(saved, Encoding.UTF8.GetBytes("1"), StateOperationType.Upsert),
            new StateTransactionRequest(projected, Encoding.UTF8.GetBytes("2"), StateOperationType.Upsert,
                metadata: new Dictionary<string, string> { ["outbox.projection"] = "true" }),
        ]);

        (await failing.Should().ThrowAsync<DaprException>()).Which.InnerException.Should().BeOfType<Grpc.Core.RpcException>()
            .Which.StatusCode.Should().Be(Grpc.Core.StatusCode.InvalidArgument);
        (await bed.Writer.Client.GetStateAsync<string>("statestore", saved)).Should().BeNull();
        await bed.AssertNoMoreDeliveriesAsync(0);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_transaction_that_loses_an_etag_check_saves_nothing_and_publishes_nothing(string store)
    {
        await using var bed = await OutboxBed.StartAsync(store);
        var (key, other) = (bed.NewKey(), bed.NewKey());
        await bed.Writer.Client.SaveStateAsync("statestore", key, "first");
        var (_, etag) = await bed.Writer.Client.GetStateAndETagAsync<string>("statestore", key);
        await bed.Writer.Client.SaveStateAsync("statestore", key, "second");

        var stale = () => bed.Writer.Client.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest(other, Encoding.UTF8.GetBytes("\"lost\""), StateOperationType.Upsert, metadata: Json),
            new StateTransactionRequest(key, Encoding.UTF8.GetBytes("\"stale\""), StateOperationType.Upsert, etag, Json),
        ]);
        await stale.Should().ThrowAsync<DaprException>();
        await bed.Writer.Client.ExecuteStateTransactionAsync("statestore",
            [new StateTransactionRequest(other, Encoding.UTF8.GetBytes("\"kept\""), StateOperationType.Upsert, metadata: Json)]);

        (await bed.Inbox.WaitForAsync(1)).Single().Json["data"]!.GetValue<string>().Should().Be("kept", "the failed transaction published nothing");
        (await bed.Writer.Client.GetStateAsync<string>("statestore", key)).Should().Be("second");
        await bed.AssertNoMoreDeliveriesAsync(1);
    }

    [Fact]
    public async Task Cloudevent_metadata_sets_the_published_events_id_type_and_subject()
    {
        await using var bed = await OutboxBed.StartAsync("redis");
        var key = bed.NewKey();

        await bed.Writer.Client.ExecuteStateTransactionAsync("statestore",
            [new StateTransactionRequest(key, Encoding.UTF8.GetBytes("{}"), StateOperationType.Upsert, metadata: new Dictionary<string, string>(Json)
            {
                ["cloudevent.id"] = "order-7-placed",
                ["cloudevent.subject"] = "order-7",
            })],
            new Dictionary<string, string> { ["cloudevent.type"] = "shop.order.placed.v1" });

        var published = (await bed.Inbox.WaitForAsync(1)).Single().Json;
        (published["id"]!.GetValue<string>(), published["type"]!.GetValue<string>(), published["subject"]!.GetValue<string>())
            .Should().Be(("order-7-placed", "shop.order.placed.v1", "order-7"));
    }

    [Fact]
    public async Task The_http_transaction_api_publishes_its_json_values_through_the_outbox()
    {
        await using var bed = await OutboxBed.StartAsync("sqlite");
        var key = bed.NewKey();
        using var http = new HttpClient { BaseAddress = bed.Writer.Sidecar.HttpEndpoint };

        using var response = await http.PostAsync(new Uri("/v1.0/state/statestore/transaction", UriKind.Relative), new StringContent(
            $$$$"""{"operations":[{"operation":"upsert","request":{"key":"{{{{key}}}}","value":{"total":1999}}}]}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var published = (await bed.Inbox.WaitForAsync(1)).Single().Json;
        (published["datacontenttype"]!.GetValue<string>(), published["data"]!.ToJsonString()).Should().Be(("application/json", """{"total":1999}"""));
    }

    [Fact]
    public async Task A_message_whose_broker_is_down_is_published_once_the_broker_is_back()
    {
        await using var broker = await RestartableRedis.StartAsync();
        await using var bed = await OutboxBed.StartAsync("sqlite", PubSubHarness.Component("redis", new Dictionary<string, string> { ["redisHost"] = broker.Address }));
        var key = bed.NewKey();
        await broker.KillAsync();

        await bed.Writer.Client.ExecuteStateTransactionAsync("statestore",
            [new StateTransactionRequest(key, Encoding.UTF8.GetBytes("\"while down\""), StateOperationType.Upsert, metadata: Json)]);
        (await bed.Writer.Client.GetStateAsync<string>("statestore", key)).Should().Be("while down", "the state commits whether the broker answers or not");
        await bed.Logs.WaitForAsync(1, $"publishing to topic {bed.Topic} on pubsub pubsub failed, retrying");
        await broker.StartAgainAsync();

        (await bed.Inbox.WaitForAsync(1)).Single().Json["data"]!.GetValue<string>().Should().Be("while down");
    }

    private static readonly IReadOnlyDictionary<string, string> Json = new Dictionary<string, string> { ["contentType"] = "application/json" };
}
