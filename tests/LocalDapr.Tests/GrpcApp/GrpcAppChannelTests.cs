using System.Text;
using LocalDapr.Tests.Bindings;
using LocalDapr.Tests.Infrastructure;
using LocalDapr.Tests.PubSub;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.GrpcApp;

// Contract: an app with appProtocol grpc implements dapr.proto.runtime.v1.AppCallback
// (https://docs.dapr.io/developing-applications/sdks/dotnet/dotnet-development/dotnet-grpc-service/ — "Dapr gRPC
// service", https://docs.dapr.io/reference/arguments-annotations-overview/ app-protocol, and
// https://docs.dapr.io/operations/resiliency/health-checks/app-health/ for AppCallbackHealthCheck). daprd calls it for
// subscriptions, topic events, input bindings and invocations instead of the HTTP callbacks.
public sealed class GrpcAppChannelTests
{
    [Fact]
    public async Task Subscriptions_listed_by_list_topic_subscriptions_are_delivered_to_on_topic_event()
    {
        await using var bed = await GrpcAppBed.StartAsync(topics: ["orders"]);
        await bed.Logs.WaitForAsync(1, $"app '{bed.App.AppId}' subscribed to pubsub/orders ");

        await bed.App.Client.PublishEventAsync(CallbackService.PubSubName, "orders", new { sku = "SOCK-1", quantity = 3 });

        await Eventually.UntilAsync(() => !bed.Recorder.Events.IsEmpty, "the event at OnTopicEvent");
        var delivered = bed.Recorder.Events.Single();
        delivered.Topic.Should().Be("orders");
        delivered.PubsubName.Should().Be(CallbackService.PubSubName);
        delivered.SpecVersion.Should().Be("1.0");
        delivered.Type.Should().Be("com.dapr.event.sent");
        delivered.DataContentType.Should().Be("application/json");
        delivered.Id.Should().NotBeNullOrEmpty();
        delivered.Data.ToStringUtf8().Should().Be("""{"sku":"SOCK-1","quantity":3}""");
        delivered.Extensions.Fields["topic"].StringValue.Should().Be("orders");
    }

    // https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response (the gRPC TopicEventResponse statuses mean the same).
    [Fact]
    public async Task An_event_answered_retry_is_delivered_again()
    {
        await using var bed = await GrpcAppBed.StartAsync(topics: ["payments"]);
        await bed.Logs.WaitForAsync(1, $"app '{bed.App.AppId}' subscribed to pubsub/payments ");

        await bed.App.Client.PublishEventAsync(CallbackService.PubSubName, "payments", "retry-once");

        await Eventually.UntilAsync(() => bed.Recorder.Events.Count >= 2, "the event delivered a second time");
        bed.Recorder.Events.Select(e => e.Id).Distinct().Should().HaveCount(1);
    }

    [Fact]
    public async Task A_declarative_subscription_is_delivered_to_on_topic_event_with_its_route_as_path()
    {
        await using var bed = await GrpcAppBed.StartAsync(topics: [], extraComponents: [Subscription("returns", "/returns-handler")]);
        await bed.Logs.WaitForAsync(1, $"app '{bed.App.AppId}' subscribed to pubsub/returns ");

        await bed.App.Client.PublishEventAsync(CallbackService.PubSubName, "returns", new { order = 7 });

        await Eventually.UntilAsync(() => !bed.Recorder.Events.IsEmpty, "the event at OnTopicEvent");
        bed.Recorder.Events.Single().Path.Should().Be("returns-handler");
    }

    // https://docs.dapr.io/reference/api/bindings_api/: input bindings the app lists through ListInputBindings reach OnBindingEvent.
    [Fact]
    public async Task Input_binding_events_reach_on_binding_event()
    {
        await using var bed = await GrpcAppBed.StartAsync(topics: [], extraComponents: [BindingComponents.Cron(CallbackService.Binding, "@every 1s")]);

        await Eventually.UntilAsync(() => !bed.Recorder.BindingEvents.IsEmpty, "a cron event at OnBindingEvent", TimeSpan.FromSeconds(20));

        var received = bed.Recorder.BindingEvents.First();
        received.Name.Should().Be(CallbackService.Binding);
        received.Metadata.Should().ContainKey("readTimeUTC");
    }

    // https://docs.dapr.io/developing-applications/building-blocks/service-invocation/howto-invoke-services-grpc/ and
    // the SDK's InvokeMethodGrpcAsync (the Dapr API's InvokeService), and HTTP invocation of a gRPC app.
    [Fact]
    public async Task Invocations_reach_on_invoke_from_grpc_and_http_callers()
    {
        await using var bed = await GrpcAppBed.StartAsync(topics: []);
        await using var caller = await DaprTestApp.StartAsync(bed.Runtime, "grpc-caller", bed.Folder.Path);

        // Obsolete in the SDK (it recommends gRPC proxying), yet the SDK's gRPC service sample calls it and daprd serves it.
#pragma warning disable CS0618
        var viaGrpc = await caller.Client.InvokeMethodGrpcAsync<Google.Protobuf.WellKnownTypes.StringValue, Google.Protobuf.WellKnownTypes.StringValue>(
            bed.App.AppId, "deposit", new Google.Protobuf.WellKnownTypes.StringValue { Value = "100" });
#pragma warning restore CS0618
        using var http = new HttpClient { BaseAddress = caller.Sidecar.HttpEndpoint };
        using var viaHttp = await http.PostAsync($"/v1.0/invoke/{bed.App.AppId}/method/withdraw?amount=5", new StringContent("10", Encoding.UTF8, "application/json"));

        viaGrpc.Value.Should().Be("deposit:100");
        bed.Recorder.Invocations.Select(i => i.Method).Should().Equal("deposit", "withdraw");
        viaHttp.IsSuccessStatusCode.Should().BeTrue();
        (await viaHttp.Content.ReadAsStringAsync()).Should().Be("withdraw:Post:10");
        bed.Recorder.Invocations.Last().HttpExtension.Querystring.Should().Be("amount=5");
    }

    [Fact]
    public async Task App_health_is_asked_through_app_callback_health_check()
    {
        await using var bed = await GrpcAppBed.StartAsync(topics: [], healthChecks: true);

        await Eventually.UntilAsync(() => bed.Recorder.HealthChecks >= 2, "two health checks");
        bed.App.Sidecar.AppHealthy.Should().BeTrue();

        bed.Recorder.Healthy = false;
        await Eventually.UntilAsync(() => !bed.App.Sidecar.AppHealthy, "the app seen as unhealthy");
    }

    // https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-bulk/: this runtime delivers bulk
    // subscriptions to HTTP apps only; a gRPC app's is refused in the log instead of fed single events.
    [Fact]
    public async Task A_bulk_subscription_of_a_grpc_app_is_refused_loudly()
    {
        await using var bed = await GrpcAppBed.StartAsync(topics: ["single"], bulkTopics: ["in-bulk"]);

        await bed.Logs.WaitForAsync(1, "enables bulkSubscribe for pubsub/in-bulk", "NOT subscribed");
        await bed.Logs.WaitForAsync(1, $"app '{bed.App.AppId}' subscribed to pubsub/single ");
        bed.Logs.Count("subscribed to pubsub/in-bulk ").Should().Be(0);
    }

    // Events must never vanish without a word: a gRPC app that does not implement AppCallback is named in the log.
    [Fact]
    public async Task A_grpc_app_without_app_callback_is_warned_about()
    {
        var logs = new LogRecorder();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub, Subscription("refunds", "/refunds"));
        await using var runtime = LocalDaprRuntime.Create(loggerFactory: loggerFactory);
        await using var app = await DaprTestApp.StartAsync(runtime, "plain-grpc", folder.Path,
            configureServices: (builder, _) => builder.Services.AddSingleton<CallbackRecorder>().AddGrpc(),
            map: web => web.MapGrpcService<CallbackHealth>(),
            tweak: o => o with { AppProtocol = "grpc" });
        await logs.WaitForAsync(1, "does not implement AppCallback.ListTopicSubscriptions");

        await app.Client.PublishEventAsync(CallbackService.PubSubName, "refunds", new { order = 9 });

        await logs.WaitForAsync(1, "pubsub/refunds: app 'plain-grpc' (appProtocol grpc) does not implement AppCallback.OnTopicEvent, dropped");
    }

    private static string Subscription(string topic, string route) => $"""
        apiVersion: dapr.io/v2alpha1
        kind: Subscription
        metadata:
          name: {topic}-subscription
        spec:
          pubsubname: {CallbackService.PubSubName}
          topic: {topic}
          routes:
            default: {route}
        """;

    /// <summary>A runtime with an in-memory pub/sub, and one gRPC app serving <see cref="CallbackService"/>.</summary>
    private sealed class GrpcAppBed : IAsyncDisposable
    {
        private readonly ILoggerFactory _loggerFactory;

        private GrpcAppBed(ComponentsFolder folder, LogRecorder logs, ILoggerFactory loggerFactory, LocalDaprRuntime runtime, DaprTestApp app, CallbackRecorder recorder)
        {
            Folder = folder;
            Logs = logs;
            _loggerFactory = loggerFactory;
            Runtime = runtime;
            App = app;
            Recorder = recorder;
        }

        public ComponentsFolder Folder { get; }

        public LogRecorder Logs { get; }

        public LocalDaprRuntime Runtime { get; }

        public DaprTestApp App { get; }

        public CallbackRecorder Recorder { get; }

        public static async Task<GrpcAppBed> StartAsync(IReadOnlyList<string> topics, IReadOnlyList<string>? extraComponents = null, bool healthChecks = false,
            IReadOnlyList<string>? bulkTopics = null)
        {
            var logs = new LogRecorder();
            var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            var folder = ComponentsFolder.Create([Backends.InMemoryPubSub, .. extraComponents ?? []]);
            var runtime = LocalDaprRuntime.Create(loggerFactory: loggerFactory);
            var recorder = new CallbackRecorder();
            recorder.Topics.AddRange(topics);
            recorder.BulkTopics.AddRange(bulkTopics ?? []);
            var app = await DaprTestApp.StartAsync(runtime, $"grpc-app-{Guid.NewGuid():N}"[..17], folder.Path,
                configureServices: (builder, _) =>
                {
                    builder.Services.AddSingleton(recorder);
                    builder.Services.AddGrpc();
                },
                map: web =>
                {
                    web.MapGrpcService<CallbackService>();
                    web.MapGrpcService<CallbackHealth>();
                },
                tweak: o => o with
                {
                    AppProtocol = "grpc",
                    EnableAppHealthCheck = healthChecks,
                    AppHealthProbeInterval = TimeSpan.FromMilliseconds(100),
                });
            return new GrpcAppBed(folder, logs, loggerFactory, runtime, app, recorder);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Runtime.DisposeAsync();
            _loggerFactory.Dispose();
            Folder.Dispose();
        }
    }
}
