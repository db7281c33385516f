using System.Collections.Concurrent;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace LocalDapr.Tests.GrpcApp;

/// <summary>
/// An app in the shape of the Dapr .NET SDK's gRPC service sample (examples/AspNetCore/GrpcServiceSample): it derives
/// from <c>AppCallback.AppCallbackBase</c> and serves invocations, subscriptions and input bindings itself.
/// </summary>
public sealed class CallbackService(CallbackRecorder recorder) : AppCallback.AppCallbackBase
{
    public const string PubSubName = "pubsub";
    public const string Binding = "ticks";

    public override Task<InvokeResponse> OnInvoke(InvokeRequest request, ServerCallContext context)
    {
        recorder.Invocations.Enqueue(request);
        // A gRPC caller (DaprClient.InvokeMethodGrpcAsync) packs a message and unpacks the answer; an HTTP caller sends bytes.
        if (request.Data?.TypeUrl is { Length: > 0 })
        {
            var text = request.Data.Unpack<StringValue>().Value;
            return Task.FromResult(new InvokeResponse { Data = Any.Pack(new StringValue { Value = $"{request.Method}:{text}" }) });
        }

        var echo = $"{request.Method}:{request.HttpExtension?.Verb}:{request.Data?.Value.ToStringUtf8()}";
        return Task.FromResult(new InvokeResponse { Data = new Any { Value = ByteString.CopyFromUtf8(echo) }, ContentType = "text/plain" });
    }

    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        var response = new ListTopicSubscriptionsResponse();
        foreach (var topic in recorder.Topics)
            response.Subscriptions.Add(new TopicSubscription { PubsubName = PubSubName, Topic = topic });
        foreach (var topic in recorder.BulkTopics)
            response.Subscriptions.Add(new TopicSubscription { PubsubName = PubSubName, Topic = topic, BulkSubscribe = new BulkSubscribeConfig { Enabled = true } });
        return Task.FromResult(response);
    }

    public override Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        recorder.Events.Enqueue(request);
        // The first delivery of an event whose data asks for it is answered RETRY, as an app with a transient failure would.
        var retry = request.Data.ToStringUtf8().Contains("retry-once", StringComparison.Ordinal) && recorder.Events.Count(e => e.Id == request.Id) == 1;
        return Task.FromResult(new TopicEventResponse
        {
            Status = retry ? TopicEventResponse.Types.TopicEventResponseStatus.Retry : TopicEventResponse.Types.TopicEventResponseStatus.Success,
        });
    }

    public override Task<ListInputBindingsResponse> ListInputBindings(Empty request, ServerCallContext context) =>
        Task.FromResult(new ListInputBindingsResponse { Bindings = { Binding } });

    public override Task<BindingEventResponse> OnBindingEvent(BindingEventRequest request, ServerCallContext context)
    {
        recorder.BindingEvents.Enqueue(request);
        return Task.FromResult(new BindingEventResponse());
    }
}

/// <summary>The app's health for <c>AppCallbackHealthCheck</c>: healthy unless a test says otherwise.</summary>
public sealed class CallbackHealth(CallbackRecorder recorder) : AppCallbackHealthCheck.AppCallbackHealthCheckBase
{
    public override Task<HealthCheckResponse> HealthCheck(Empty request, ServerCallContext context)
    {
        recorder.CountHealthCheck();
        return recorder.Healthy ? Task.FromResult(new HealthCheckResponse()) : throw new RpcException(new Status(StatusCode.Unavailable, "not ready"));
    }
}

/// <summary>What the gRPC app received.</summary>
public sealed class CallbackRecorder
{
    private int _healthChecks;

    public int HealthChecks => Volatile.Read(ref _healthChecks);

    public List<string> Topics { get; } = [];

    /// <summary>Topics the app asks for in bulk (OnBulkTopicEvent, which it does not implement).</summary>
    public List<string> BulkTopics { get; } = [];

    public bool Healthy { get; set; } = true;

    public ConcurrentQueue<InvokeRequest> Invocations { get; } = new();

    public ConcurrentQueue<TopicEventRequest> Events { get; } = new();

    public ConcurrentQueue<BindingEventRequest> BindingEvents { get; } = new();

    public void CountHealthCheck() => Interlocked.Increment(ref _healthChecks);
}
