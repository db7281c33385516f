using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Grpc.Core;
using LocalDapr.Sidecar;

namespace LocalDapr.Workflows;

/// <summary>
/// The HTTP workflow API (https://docs.dapr.io/reference/api/workflow_api/) on <c>/v1.0/workflows/dapr</c> and its
/// older <c>/v1.0-beta1</c> name: the same engine as the gRPC service, with daprd's answers (202 for commands, the
/// instance's metadata and <c>dapr.workflow.*</c> properties for a read, ERR_*_WORKFLOW error codes).
/// </summary>
internal static partial class WorkflowHttpApi
{
    public static void MapWorkflowHttpApi(this IEndpointRouteBuilder endpoints, Sidecar.LocalSidecar sidecar, WorkflowFeature feature)
    {
        foreach (var version in new[] { "v1.0", "v1.0-beta1" })
        {
            var workflows = endpoints.MapGroup($"/{version}/workflows/dapr");
            workflows.MapPost("/{name}/start", async (HttpContext context, string name, string? instanceID) =>
            {
                var input = await ReadBodyAsync(context);
                return await Guard("ERR_START_WORKFLOW", async () =>
                {
                    if (instanceID is not null && !InstanceIdPattern().IsMatch(instanceID))
                        throw DaprApiException.BadRequest("ERR_INSTANCE_ID_INVALID", $"workflow instance ID '{instanceID}' is invalid: only alphanumeric characters, underscores and dashes are allowed");
                    var engine = await feature.EngineAsync(sidecar);
                    var request = new Dapr.DurableTask.Protobuf.CreateInstanceRequest { InstanceId = instanceID ?? "", Name = name, Input = input };
                    var id = await engine.StartInstanceAsync(request, context.RequestAborted);
                    return Results.Json(new { instanceID = id }, statusCode: StatusCodes.Status202Accepted);
                });
            });

            workflows.MapGet("/{instanceId}", (string instanceId) => Guard("ERR_GET_WORKFLOW", async () =>
            {
                var engine = await feature.EngineAsync(sidecar);
                var described = engine.Describe(instanceId, withInputsAndOutputs: true);
                if (!described.Exists) throw new RpcException(new Status(StatusCode.NotFound, $"no such instance exists: workflow instance '{instanceId}' not found"));
                var state = described.WorkflowState;
                var properties = new Dictionary<string, string>();
                if (state.Input is { } stateInput) properties["dapr.workflow.input"] = stateInput;
                if (state.Output is { } output) properties["dapr.workflow.output"] = output;
                if (state.CustomStatus is { } customStatus) properties["dapr.workflow.custom_status"] = customStatus;
                if (state.FailureDetails is { } failure)
                {
                    properties["dapr.workflow.failure.error_type"] = failure.ErrorType;
                    properties["dapr.workflow.failure.error_message"] = failure.ErrorMessage;
                }

                return Results.Json(new
                {
                    instanceID = state.InstanceId,
                    workflowName = state.Name,
                    createdAt = state.CreatedTimestamp?.ToDateTimeOffset(),
                    lastUpdatedAt = state.LastUpdatedTimestamp?.ToDateTimeOffset(),
                    runtimeStatus = RuntimeStatusName(state.WorkflowStatus),
                    properties,
                });
            }));

            workflows.MapPost("/{instanceId}/raiseEvent/{eventName}", async (HttpContext context, string instanceId, string eventName) =>
            {
                var input = await ReadBodyAsync(context);
                return await Guard("ERR_RAISE_EVENT_WORKFLOW", async () =>
                {
                    await (await feature.EngineAsync(sidecar)).RaiseEventAsync(instanceId, eventName, input, context.RequestAborted);
                    return Results.Accepted();
                });
            });

            // Terminating a workflow terminates its children too, unless non_recursive=true.
            workflows.MapPost("/{instanceId}/terminate", (string instanceId, bool? non_recursive, CancellationToken cancellationToken) => Guard("ERR_TERMINATE_WORKFLOW", async () =>
            {
                await (await feature.EngineAsync(sidecar)).TerminateAsync(instanceId, null, non_recursive != true, cancellationToken);
                return Results.Accepted();
            }));

            workflows.MapPost("/{instanceId}/pause", (string instanceId, CancellationToken cancellationToken) => Guard("ERR_PAUSE_WORKFLOW", async () =>
            {
                await (await feature.EngineAsync(sidecar)).SuspendAsync(instanceId, null, cancellationToken);
                return Results.Accepted();
            }));

            workflows.MapPost("/{instanceId}/resume", (string instanceId, CancellationToken cancellationToken) => Guard("ERR_RESUME_WORKFLOW", async () =>
            {
                await (await feature.EngineAsync(sidecar)).ResumeAsync(instanceId, null, cancellationToken);
                return Results.Accepted();
            }));

            workflows.MapPost("/{instanceId}/purge", (string instanceId, bool? force, CancellationToken cancellationToken) => Guard("ERR_PURGE_WORKFLOW", async () =>
            {
                var purged = await (await feature.EngineAsync(sidecar)).PurgeAsync(instanceId, recursive: true, force == true, cancellationToken);
                if (purged == 0) throw new RpcException(new Status(StatusCode.NotFound, $"no such instance exists: workflow instance '{instanceId}' not found"));
                return Results.Accepted();
            }));
        }
    }

    /// <summary>daprd's HTTP names: the proto enum without its ORCHESTRATION_STATUS_ prefix.</summary>
    public static string RuntimeStatusName(Dapr.DurableTask.Protobuf.OrchestrationStatus status) => status switch
    {
        Dapr.DurableTask.Protobuf.OrchestrationStatus.ContinuedAsNew => "CONTINUED_AS_NEW",
        _ => status.ToString().ToUpperInvariant(),
    };

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex InstanceIdPattern();

    /// <summary>The body is the workflow's input as-is; an empty body is no input.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        return body.Length == 0 ? null : body;
    }

    /// <summary>Engine errors become daprd's answers: a malformed request is 400, anything else 500 with the API's error code.</summary>
    private static Task<IResult> Guard(string errorCode, Func<Task<IResult>> call) => DaprHttpApi.Guard(async () =>
    {
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            var status = e.StatusCode == StatusCode.InvalidArgument ? HttpStatusCode.BadRequest : HttpStatusCode.InternalServerError;
            throw new DaprApiException(errorCode, e.StatusCode, status, e.Status.Detail, e);
        }
    });
}
