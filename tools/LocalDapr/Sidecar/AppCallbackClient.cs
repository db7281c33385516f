using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace LocalDapr.Sidecar;

/// <summary>
/// daprd's gRPC app channel (<c>appProtocol: grpc</c>): the calls into an app that implements
/// <c>dapr.proto.runtime.v1.AppCallback</c> (https://docs.dapr.io/reference/api/) — service invocation, topic
/// subscriptions and events, input bindings — and <c>AppCallbackHealthCheck</c> for app health. Dapr.Protos ships only
/// the server side of these services, so the methods are declared here with its message types.
/// </summary>
public sealed class AppCallbackClient : IDisposable
{
    private const string Service = "dapr.proto.runtime.v1.AppCallback";
    private const string HealthService = "dapr.proto.runtime.v1.AppCallbackHealthCheck";

    private static readonly Method<InvokeRequest, InvokeResponse> OnInvokeMethod = Unary<InvokeRequest, InvokeResponse>(Service, "OnInvoke");
    private static readonly Method<Empty, ListTopicSubscriptionsResponse> ListTopicSubscriptionsMethod = Unary<Empty, ListTopicSubscriptionsResponse>(Service, "ListTopicSubscriptions");
    private static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEventMethod = Unary<TopicEventRequest, TopicEventResponse>(Service, "OnTopicEvent");
    private static readonly Method<Empty, ListInputBindingsResponse> ListInputBindingsMethod = Unary<Empty, ListInputBindingsResponse>(Service, "ListInputBindings");
    private static readonly Method<BindingEventRequest, BindingEventResponse> OnBindingEventMethod = Unary<BindingEventRequest, BindingEventResponse>(Service, "OnBindingEvent");
    private static readonly Method<Empty, HealthCheckResponse> HealthCheckMethod = Unary<Empty, HealthCheckResponse>(HealthService, "HealthCheck");

    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;
    private readonly string? _appApiToken;

    public AppCallbackClient(Uri address, HttpMessageHandler handler, string? appApiToken)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = false,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        _invoker = _channel.CreateCallInvoker();
        _appApiToken = appApiToken;
    }

    public Task<InvokeResponse> OnInvokeAsync(InvokeRequest request, Metadata? headers, CancellationToken cancellationToken) =>
        CallAsync(OnInvokeMethod, request, cancellationToken, headers);

    public Task<ListTopicSubscriptionsResponse> ListTopicSubscriptionsAsync(CancellationToken cancellationToken) =>
        CallAsync(ListTopicSubscriptionsMethod, new Empty(), cancellationToken);

    public Task<TopicEventResponse> OnTopicEventAsync(TopicEventRequest request, CancellationToken cancellationToken) =>
        CallAsync(OnTopicEventMethod, request, cancellationToken);

    public Task<ListInputBindingsResponse> ListInputBindingsAsync(CancellationToken cancellationToken) =>
        CallAsync(ListInputBindingsMethod, new Empty(), cancellationToken);

    public Task<BindingEventResponse> OnBindingEventAsync(BindingEventRequest request, CancellationToken cancellationToken) =>
        CallAsync(OnBindingEventMethod, request, cancellationToken);

    public Task<HealthCheckResponse> HealthCheckAsync(CancellationToken cancellationToken) =>
        CallAsync(HealthCheckMethod, new Empty(), cancellationToken);

    public void Dispose() => _channel.Dispose();

    private async Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken, Metadata? headers = null)
        where TRequest : class
        where TResponse : class
    {
        headers ??= [];
        // Like daprd, the sidecar names itself to the app with the app API token.
        if (_appApiToken is not null) headers.Add("dapr-api-token", _appApiToken);
        using var call = _invoker.AsyncUnaryCall(method, null, new CallOptions(headers, cancellationToken: cancellationToken), request);
        return await call.ResponseAsync;
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var requestParser = new MessageParser<TRequest>(() => new TRequest());
        var responseParser = new MessageParser<TResponse>(() => new TResponse());
        return new Method<TRequest, TResponse>(MethodType.Unary, service, name,
            Marshallers.Create(m => m.ToByteArray(), requestParser.ParseFrom),
            Marshallers.Create(m => m.ToByteArray(), responseParser.ParseFrom));
    }
}
