using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LocalDapr.State;
using StateOptions = Dapr.Client.Autogen.Grpc.v1.StateOptions;

namespace LocalDapr.Sidecar;

/// <summary>
/// The sidecar's gRPC API, <c>dapr.proto.runtime.v1.Dapr</c>, as DaprClient calls it. Dapr.Protos ships only the
/// client, so the service is bound by hand: <see cref="BindService"/> declares each RPC and Grpc.AspNetCore finds the
/// public virtual handler of the same name.
/// </summary>
[BindServiceMethod(typeof(DaprGrpcApi), nameof(BindService))]
public class DaprGrpcApi(LocalSidecar sidecar, ServiceInvocation invocation)
{
    public const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    private SidecarOperations Operations => sidecar.Operations;

    public static void BindService(ServiceBinderBase binder, DaprGrpcApi? service)
    {
        Bind<GetStateRequest, GetStateResponse>(binder, nameof(GetState));
        Bind<GetBulkStateRequest, GetBulkStateResponse>(binder, nameof(GetBulkState));
        Bind<SaveStateRequest, Empty>(binder, nameof(SaveState));
        Bind<DeleteStateRequest, Empty>(binder, nameof(DeleteState));
        Bind<DeleteBulkStateRequest, Empty>(binder, nameof(DeleteBulkState));
        Bind<ExecuteStateTransactionRequest, Empty>(binder, nameof(ExecuteStateTransaction));
        Bind<PublishEventRequest, Empty>(binder, nameof(PublishEvent));
        Bind<InvokeBindingRequest, InvokeBindingResponse>(binder, nameof(InvokeBinding));
        Bind<GetSecretRequest, GetSecretResponse>(binder, nameof(GetSecret));
        Bind<GetBulkSecretRequest, GetBulkSecretResponse>(binder, nameof(GetBulkSecret));
        Bind<GetMetadataRequest, GetMetadataResponse>(binder, nameof(GetMetadata));
        Bind<SetMetadataRequest, Empty>(binder, nameof(SetMetadata));
        Bind<ShutdownRequest, Empty>(binder, nameof(Shutdown));
        Bind<InvokeServiceRequest, InvokeResponse>(binder, nameof(InvokeService));
        // DaprClient 1.19 calls BulkPublishEvent and falls back to the alpha name daprd served before.
        Bind<BulkPublishRequest, BulkPublishResponse>(binder, nameof(BulkPublishEvent));
        Bind<BulkPublishRequest, BulkPublishResponse>(binder, nameof(BulkPublishEventAlpha1));
    }

    public virtual Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context) => Run(async ct =>
    {
        var entries = request.Entries.Select(e => new BulkPublishEntry(e.EntryId, e.Event.ToByteArray(), e.ContentType, e.Metadata)).ToList();
        var failed = await Operations.BulkPublishAsync(request.PubsubName, request.Topic, entries, request.Metadata,
            context.RequestHeaders.GetValue("traceparent"), ct);
        var response = new BulkPublishResponse();
        response.FailedEntries.AddRange(failed.Select(f => new BulkPublishResponseFailedEntry { EntryId = f.EntryId, Error = f.Error }));
        return response;
    }, context);

    public virtual Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context) => BulkPublishEvent(request, context);

    public virtual Task<InvokeResponse> InvokeService(InvokeServiceRequest request, ServerCallContext context) =>
        invocation.InvokeServiceAsync(request, context.CancellationToken);

    public virtual Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context) => Run(async ct =>
    {
        var entry = await Operations.GetStateAsync(request.StoreName, request.Key, ct);
        return entry is null ? new GetStateResponse() : new GetStateResponse { Data = ByteString.CopyFrom(entry.Value), Etag = entry.ETag };
    }, context);

    public virtual Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context) => Run(async ct =>
    {
        var items = await Operations.GetBulkStateAsync(request.StoreName, request.Keys, request.Parallelism, ct);
        var response = new GetBulkStateResponse();
        response.Items.AddRange(items.Select(i => i.Entry is null
            ? new BulkStateItem { Key = i.Key }
            : new BulkStateItem { Key = i.Key, Data = ByteString.CopyFrom(i.Entry.Value), Etag = i.Entry.ETag }));
        return response;
    }, context);

    public virtual Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context) => Run(async ct =>
    {
        // A bulk save is not a transaction in Dapr: each item is written on its own.
        foreach (var item in request.States)
            await Operations.WriteStateAsync(request.StoreName, [Operation(StateOperationKind.Upsert, item)], ct);
        return new Empty();
    }, context);

    public virtual Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context) => Run(async ct =>
    {
        var item = new StateItem { Key = request.Key, Etag = request.Etag, Options = request.Options };
        await Operations.WriteStateAsync(request.StoreName, [Operation(StateOperationKind.Delete, item)], ct);
        return new Empty();
    }, context);

    public virtual Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context) => Run(async ct =>
    {
        foreach (var item in request.States)
            await Operations.WriteStateAsync(request.StoreName, [Operation(StateOperationKind.Delete, item)], ct);
        return new Empty();
    }, context);

    public virtual Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context) => Run(async ct =>
    {
        var operations = request.Operations.Select(o => o.OperationType switch
        {
            "upsert" => Operation(StateOperationKind.Upsert, o.Request, request.Metadata),
            "delete" => Operation(StateOperationKind.Delete, o.Request, request.Metadata),
            _ => throw DaprApiException.BadRequest("ERR_NOT_SUPPORTED_STATE_OPERATION", $"operation type {o.OperationType} not supported"),
        }).ToList();
        await Operations.WriteStateAsync(request.StoreName, operations, ct, asTransaction: true);
        return new Empty();
    }, context);

    public virtual Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context) => Run(async ct =>
    {
        await Operations.PublishAsync(request.PubsubName, request.Topic, request.Data.ToByteArray(), request.DataContentType,
            request.Metadata, context.RequestHeaders.GetValue("traceparent"), ct);
        return new Empty();
    }, context);

    public virtual Task<InvokeBindingResponse> InvokeBinding(InvokeBindingRequest request, ServerCallContext context) => Run(async ct =>
    {
        var result = await Operations.InvokeBindingAsync(request.Name, request.Operation, request.Data.ToByteArray(), request.Metadata, ct);
        var response = new InvokeBindingResponse { Data = ByteString.CopyFrom(result.Data) };
        foreach (var (key, value) in result.Metadata) response.Metadata[key] = value;
        return response;
    }, context);

    public virtual Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context) => Run(async ct =>
    {
        var response = new GetSecretResponse();
        foreach (var (key, value) in await Operations.GetSecretAsync(request.StoreName, request.Key, ct)) response.Data[key] = value;
        return response;
    }, context);

    public virtual Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context) => Run(async ct =>
    {
        var response = new GetBulkSecretResponse();
        foreach (var (key, values) in await Operations.GetBulkSecretAsync(request.StoreName, ct))
        {
            var secrets = new SecretResponse();
            foreach (var (name, value) in values) secrets.Secrets[name] = value;
            response.Data[key] = secrets;
        }

        return response;
    }, context);

    public virtual Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(SidecarMetadata.Describe(sidecar));

    public virtual Task<Empty> SetMetadata(SetMetadataRequest request, ServerCallContext context)
    {
        sidecar.ExtendedMetadata[request.Key] = request.Value;
        return Task.FromResult(new Empty());
    }

    public virtual Task<Empty> Shutdown(ShutdownRequest request, ServerCallContext context)
    {
        sidecar.RequestShutdown();
        return Task.FromResult(new Empty());
    }

    /// <param name="transactionMetadata">A transaction's own metadata, under each item's (which wins).</param>
    private static StateOperation Operation(StateOperationKind kind, StateItem item, IDictionary<string, string>? transactionMetadata = null)
    {
        var metadata = new Dictionary<string, string>(transactionMetadata ?? new Dictionary<string, string>());
        foreach (var (key, value) in item.Metadata) metadata[key] = value;
        var concurrency = (item.Options?.Concurrency ?? StateOptions.Types.StateConcurrency.ConcurrencyUnspecified) switch
        {
            StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite => StateConcurrency.FirstWrite,
            StateOptions.Types.StateConcurrency.ConcurrencyLastWrite => StateConcurrency.LastWrite,
            _ => StateConcurrency.Unspecified,
        };
        return new StateOperation(kind, item.Key, kind == StateOperationKind.Upsert ? item.Value.ToByteArray() : null,
            string.IsNullOrEmpty(item.Etag?.Value) ? null : item.Etag.Value, concurrency, StateStoreExtensions.TtlFrom(item.Metadata), metadata);
    }

    private static async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, ServerCallContext context)
    {
        try
        {
            return await call(context.CancellationToken);
        }
        catch (DaprApiException e)
        {
            throw e.ToRpcException();
        }
    }

    private static void Bind<TRequest, TResponse>(ServiceBinderBase binder, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        binder.AddMethod(
            new Method<TRequest, TResponse>(MethodType.Unary, ServiceName, name, Marshal<TRequest>(), Marshal<TResponse>()),
            (UnaryServerMethod<TRequest, TResponse>)null!);

    private static Marshaller<T> Marshal<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
