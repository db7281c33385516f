using Dapr.DurableTask.Protobuf;
using Google.Protobuf;
using Grpc.Core;
using Empty = Google.Protobuf.WellKnownTypes.Empty;

namespace LocalDapr.Workflows;

/// <summary>
/// The durabletask gRPC service the Dapr Workflow SDK talks to, on the sidecar's gRPC port like daprd's. It has no
/// proto package (path <c>/TaskHubSidecarService/&lt;Method&gt;</c>); the message types come from Dapr.Workflow's own
/// <c>Dapr.Workflow.Grpc.dll</c>, which generates only the client, so the service is bound by hand as the Dapr API is.
/// </summary>
[BindServiceMethod(typeof(TaskHubSidecarService), nameof(BindService))]
public class TaskHubSidecarService(Sidecar.LocalSidecar sidecar)
{
    public const string ServiceName = "TaskHubSidecarService";

    private static readonly CompleteTaskResponse Done = new();

    public static void BindService(ServiceBinderBase binder, TaskHubSidecarService? service)
    {
        Unary<Empty, Empty>(binder, nameof(Hello));
        Unary<CreateInstanceRequest, CreateInstanceResponse>(binder, nameof(StartInstance));
        Unary<GetInstanceRequest, GetInstanceResponse>(binder, nameof(GetInstance));
        Unary<GetInstanceRequest, GetInstanceResponse>(binder, nameof(WaitForInstanceStart));
        Unary<GetInstanceRequest, GetInstanceResponse>(binder, nameof(WaitForInstanceCompletion));
        Unary<RaiseEventRequest, RaiseEventResponse>(binder, nameof(RaiseEvent));
        Unary<TerminateRequest, TerminateResponse>(binder, nameof(TerminateInstance));
        Unary<SuspendRequest, SuspendResponse>(binder, nameof(SuspendInstance));
        Unary<ResumeRequest, ResumeResponse>(binder, nameof(ResumeInstance));
        Unary<PurgeInstancesRequest, PurgeInstancesResponse>(binder, nameof(PurgeInstances));
        Unary<ActivityResponse, CompleteTaskResponse>(binder, nameof(CompleteActivityTask));
        Unary<WorkflowResponse, CompleteTaskResponse>(binder, nameof(CompleteOrchestratorTask));
        Unary<WorkflowResponse, CompleteTaskResponse>(binder, nameof(CompleteWorkflowTask));
        Unary<ListInstanceIDsRequest, ListInstanceIDsResponse>(binder, nameof(ListInstanceIDs));
        Unary<GetInstanceHistoryRequest, GetInstanceHistoryResponse>(binder, nameof(GetInstanceHistory));
        binder.AddMethod(
            new Method<GetWorkItemsRequest, WorkItem>(MethodType.ServerStreaming, ServiceName, nameof(GetWorkItems), Marshal<GetWorkItemsRequest>(), Marshal<WorkItem>()),
            (ServerStreamingServerMethod<GetWorkItemsRequest, WorkItem>)null!);
    }

    /// <summary>The SDK's keep-alive.</summary>
    public virtual Task<Empty> Hello(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public virtual Task<CreateInstanceResponse> StartInstance(CreateInstanceRequest request, ServerCallContext context) =>
        Run(async engine => new CreateInstanceResponse { InstanceId = await engine.StartInstanceAsync(request, context.CancellationToken) });

    public virtual Task<GetInstanceResponse> GetInstance(GetInstanceRequest request, ServerCallContext context) =>
        Run(engine => Task.FromResult(engine.Describe(request.InstanceId, request.GetInputsAndOutputs)));

    /// <summary>Blocks until the instance left PENDING (the client repeats the call on a deadline).</summary>
    public virtual Task<GetInstanceResponse> WaitForInstanceStart(GetInstanceRequest request, ServerCallContext context) =>
        Run(engine => engine.WaitAsync(request.InstanceId, request.GetInputsAndOutputs,
            s => RuntimeStates.Status(s) != OrchestrationStatus.Pending, context.CancellationToken));

    /// <summary>Blocks until the instance completed, failed or was terminated.</summary>
    public virtual Task<GetInstanceResponse> WaitForInstanceCompletion(GetInstanceRequest request, ServerCallContext context) =>
        Run(engine => engine.WaitAsync(request.InstanceId, request.GetInputsAndOutputs, RuntimeStates.IsTerminal, context.CancellationToken));

    public virtual Task<RaiseEventResponse> RaiseEvent(RaiseEventRequest request, ServerCallContext context) => Run(async engine =>
    {
        await engine.RaiseEventAsync(request.InstanceId, request.Name, request.Input, context.CancellationToken);
        return new RaiseEventResponse();
    });

    public virtual Task<TerminateResponse> TerminateInstance(TerminateRequest request, ServerCallContext context) => Run(async engine =>
    {
        await engine.TerminateAsync(request.InstanceId, request.Output, request.Recursive, context.CancellationToken);
        return new TerminateResponse();
    });

    public virtual Task<SuspendResponse> SuspendInstance(SuspendRequest request, ServerCallContext context) => Run(async engine =>
    {
        await engine.SuspendAsync(request.InstanceId, request.Reason, context.CancellationToken);
        return new SuspendResponse();
    });

    public virtual Task<ResumeResponse> ResumeInstance(ResumeRequest request, ServerCallContext context) => Run(async engine =>
    {
        await engine.ResumeAsync(request.InstanceId, request.Reason, context.CancellationToken);
        return new ResumeResponse();
    });

    public virtual Task<PurgeInstancesResponse> PurgeInstances(PurgeInstancesRequest request, ServerCallContext context) => Run(async engine =>
    {
        if (request.RequestCase != PurgeInstancesRequest.RequestOneofCase.InstanceId)
            throw new RpcException(new Status(StatusCode.Unimplemented, "purging by filter is not supported; purge by instance id"));
        var purged = await engine.PurgeAsync(request.InstanceId, request.Recursive, request.Force, context.CancellationToken);
        return new PurgeInstancesResponse { DeletedInstanceCount = purged, IsComplete = true };
    });

    public virtual Task<ListInstanceIDsResponse> ListInstanceIDs(ListInstanceIDsRequest request, ServerCallContext context) =>
        Run(engine => Task.FromResult(engine.ListInstanceIds(request.ContinuationToken, request.PageSize)));

    public virtual Task<GetInstanceHistoryResponse> GetInstanceHistory(GetInstanceHistoryRequest request, ServerCallContext context) =>
        Run(engine => Task.FromResult(engine.History(request.InstanceId)));

    /// <summary>
    /// The worker's stream of turns and activities. Whatever it was given and has not answered when the stream ends is
    /// dispatched again to the next worker.
    /// </summary>
    public virtual async Task GetWorkItems(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> responseStream, ServerCallContext context)
    {
        var engine = await EngineAsync();
        var worker = engine.Connect();
        try
        {
            await foreach (var work in worker.Queue.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (await engine.BeginAsync(work, worker) is { } item) await responseStream.WriteAsync(item, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The app went away; its unanswered work is dispatched again below.
        }
        finally
        {
            await engine.DisconnectAsync(worker);
        }
    }

    /// <summary>Always OK, even for a stale or duplicate answer: an error here makes the 1.19 SDK drop its stream.</summary>
    public virtual Task<CompleteTaskResponse> CompleteActivityTask(ActivityResponse request, ServerCallContext context) => Run(async engine =>
    {
        await engine.CompleteActivityAsync(request);
        return Done;
    });

    /// <summary>The name the 1.19 SDK calls (kept for runtimes before 1.18).</summary>
    public virtual Task<CompleteTaskResponse> CompleteOrchestratorTask(WorkflowResponse request, ServerCallContext context) => Run(async engine =>
    {
        await engine.CompleteTurnAsync(request);
        return Done;
    });

    public virtual Task<CompleteTaskResponse> CompleteWorkflowTask(WorkflowResponse request, ServerCallContext context) =>
        CompleteOrchestratorTask(request, context);

    private Task<WorkflowEngine> EngineAsync() => sidecar.Runtime.Features.OfType<WorkflowFeature>().Single().EngineAsync(sidecar);

    private async Task<T> Run<T>(Func<WorkflowEngine, Task<T>> call)
    {
        var engine = await EngineAsync();
        return await call(engine);
    }

    private static void Unary<TRequest, TResponse>(ServiceBinderBase binder, string name)
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
