using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;
using Grpc.Net.Client;

namespace LocalDapr.Tests.Workflows;

// Contract: ../shared/docs/dapr-workflow-protocol.md §2 (durabletask-go's executor): a completion for a turn or an
// activity that is no longer in flight is answered OK and ignored, because an error makes the 1.19 SDK drop its stream.
// Sent with the SDK's own generated client (Dapr.Workflow.Grpc), as a worker retrying after a reconnect would.
public sealed class WorkflowProtocolTests
{
    [Fact]
    public async Task A_stale_or_duplicate_completion_is_answered_OK_and_changes_nothing()
    {
        await using var harness = await WorkflowHarness.StartAsync(WorkflowBackend.Sqlite);
        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "stale-1", "once");
        await harness.CompletionOfAsync(id);
        var history = await harness.Client.GetInstanceHistoryAsync(id);
        using var channel = GrpcChannel.ForAddress(harness.Sidecar.GrpcEndpoint);
        var sidecar = new TaskHubSidecarService.TaskHubSidecarServiceClient(channel);

        var staleTurn = new WorkflowResponse { InstanceId = id, CompletionToken = $"w|{Guid.NewGuid():N}|{id}" };
        staleTurn.Actions.Add(new WorkflowAction { CompleteWorkflow = new CompleteWorkflowAction { WorkflowStatus = OrchestrationStatus.Failed } });
#pragma warning disable CS0612 // Obsolete in the proto, yet the name the 1.19 worker calls.
        await sidecar.CompleteOrchestratorTaskAsync(staleTurn);
#pragma warning restore CS0612
        await sidecar.CompleteWorkflowTaskAsync(staleTurn);
        await sidecar.CompleteActivityTaskAsync(new ActivityResponse { InstanceId = id, TaskId = 0, Result = "\"again\"", CompletionToken = $"a|{Guid.NewGuid()}|0|{id}" });
        await sidecar.CompleteActivityTaskAsync(new ActivityResponse { InstanceId = id, TaskId = 0, CompletionToken = "not a token" });

        var state = await harness.Client.GetWorkflowStateAsync(id);
        state.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Completed);
        state.ReadOutputAs<string>().Should().Be("ONCE!!");
        (await harness.Client.GetInstanceHistoryAsync(id)).Should().HaveCount(history.Count);
    }
}
