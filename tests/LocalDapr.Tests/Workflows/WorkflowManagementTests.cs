using System.Globalization;
using Dapr.Workflow;
using Grpc.Core;
using LocalDapr.Tests.Bindings;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Workflows;

// Contract: https://docs.dapr.io/developing-applications/building-blocks/workflow/workflow-features-concepts/ (durable
// timers, external events, custom status) and
// https://docs.dapr.io/developing-applications/building-blocks/workflow/howto-manage-workflow/ (suspend, resume,
// terminate, purge, status), through DaprWorkflowClient 1.19 only.
public sealed class WorkflowManagementTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.Parse("2026-03-01T08:00:00Z", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_durable_timer_fires_when_its_time_comes_and_not_before(WorkflowBackend backend)
    {
        var clock = new ManualClock(Epoch);
        await using var harness = await WorkflowHarness.StartAsync(backend, clock);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(TimerWorkflow), "timer-1", 90);
        await TimerCreatedAsync(harness, id);
        clock.MoveTo(Epoch.AddMinutes(89));
        await Task.Delay(300);
        (await harness.Client.GetWorkflowStateAsync(id))!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Running);

        clock.MoveTo(Epoch.AddMinutes(90));
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<DateTime>().Should().Be(Epoch.AddMinutes(90).UtcDateTime);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_durable_timer_outlives_a_restart_of_the_runtime(WorkflowBackend backend)
    {
        var clock = new ManualClock(Epoch);
        await using var harness = await WorkflowHarness.StartAsync(backend, clock);
        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(TimerWorkflow), "timer-2", 60 * 24);
        await TimerCreatedAsync(harness, id);

        await harness.RestartRuntimeAsync();
        clock.MoveTo(Epoch.AddDays(1));
        var state = await harness.CompletionOfAsync(id);

        state.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Completed);
        state.ReadOutputAs<DateTime>().Should().Be(Epoch.AddDays(1).UtcDateTime);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task An_external_event_resumes_a_workflow_waiting_without_timeout(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);
        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "approval-1", 0);
        await CustomStatusAsync(harness, id, "waiting for approval");

        await harness.Client.RaiseEventAsync(id, "approval", "alice");
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<string>().Should().Be("approved by alice");
        state.ReadCustomStatusAs<string>().Should().Be("approved");
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task Waiting_for_an_event_with_a_timeout_gives_up_when_none_comes(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "approval-2", 500);
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<string>().Should().Be("timed out");
        state.ReadCustomStatusAs<string>().Should().Be("timed out");
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task An_event_raised_before_the_workflow_waits_for_it_is_kept_for_it(WorkflowBackend backend)
    {
        var clock = new ManualClock(Epoch);
        await using var harness = await WorkflowHarness.StartAsync(backend, clock);

        // Scheduled an hour ahead, so the event certainly arrives before the first turn.
        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "approval-3", 0, Epoch.AddHours(1));
        await harness.Client.RaiseEventAsync(id, "approval", "bob");
        (await harness.Client.GetWorkflowStateAsync(id))!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Pending);
        clock.MoveTo(Epoch.AddHours(1));
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<string>().Should().Be("approved by bob");
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_suspended_workflow_holds_its_events_until_it_is_resumed(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);
        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "approval-4", 0);
        await CustomStatusAsync(harness, id, "waiting for approval");

        await harness.Client.SuspendWorkflowAsync(id, "audit");
        await harness.Client.RaiseEventAsync(id, "approval", "carol");
        await Task.Delay(500);
        var suspended = await harness.Client.GetWorkflowStateAsync(id);
        suspended!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Suspended);
        suspended.ReadCustomStatusAs<string>().Should().Be("waiting for approval");

        await harness.Client.ResumeWorkflowAsync(id, "audit done");
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<string>().Should().Be("approved by carol");
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task Terminating_a_parent_terminates_its_child_and_purging_it_removes_both(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);
        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "parent-3", "wait");
        await Eventually.ReturnsAsync(() => harness.Client.GetWorkflowStateAsync("parent-3-child"),
            s => s?.RuntimeStatus == WorkflowRuntimeStatus.Running, because: "for the child to start");

        await harness.Client.TerminateWorkflowAsync(id, "cancelled by the shop");

        var parent = await harness.Client.GetWorkflowStateAsync(id);
        parent!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Terminated);
        parent.ReadOutputAs<string>().Should().Be("cancelled by the shop");
        var child = await harness.CompletionOfAsync("parent-3-child");
        child.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Terminated);

        (await harness.Client.PurgeInstanceAsync(id)).Should().BeTrue();
        (await harness.Client.GetWorkflowStateAsync(id)).Exists.Should().BeFalse();
        (await harness.Client.GetWorkflowStateAsync("parent-3-child")).Exists.Should().BeFalse();
        (await harness.Client.ListInstanceIdsAsync()).InstanceIds.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_running_workflow_cannot_be_purged(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);
        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "approval-5", 0);
        await harness.Client.WaitForWorkflowStartAsync(id);

        var purge = () => harness.Client.PurgeInstanceAsync(id);

        (await purge.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await harness.Client.GetWorkflowStateAsync(id))!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Running);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task Starting_a_live_instance_id_again_is_refused_and_a_finished_one_starts_afresh(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);
        await harness.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "order-42", 0);

        var again = () => harness.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "order-42", 0);
        (await again.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.AlreadyExists);

        await harness.Client.RaiseEventAsync("order-42", "approval", "dave");
        (await harness.CompletionOfAsync("order-42")).ReadOutputAs<string>().Should().Be("approved by dave");
        await harness.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "order-42", "again");
        var rerun = await harness.CompletionOfAsync("order-42");

        rerun.WorkflowName.Should().Be(nameof(ChainWorkflow));
        rerun.ReadOutputAs<string>().Should().Be("AGAIN!!");
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task An_unknown_instance_is_not_found(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        (await harness.Client.GetWorkflowStateAsync("nobody")).Exists.Should().BeFalse();
        var raise = () => harness.Client.RaiseEventAsync("nobody", "approval", "eve");
        (await raise.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        var terminate = () => harness.Client.TerminateWorkflowAsync("nobody");
        (await terminate.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await harness.Client.PurgeInstanceAsync("nobody")).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task Instance_ids_are_listed_a_page_at_a_time(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);
        foreach (var id in new[] { "list-c", "list-a", "list-b" })
            await harness.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), id, id);

        var first = await harness.Client.ListInstanceIdsAsync(pageSize: 2);
        var second = await harness.Client.ListInstanceIdsAsync(first.ContinuationToken, pageSize: 2);

        first.InstanceIds.Should().Equal("list-a", "list-b");
        first.ContinuationToken.Should().NotBeNull();
        second.InstanceIds.Should().Equal("list-c");
        second.ContinuationToken.Should().BeNull();
    }

    private static Task TimerCreatedAsync(WorkflowHarness harness, string id) =>
        Eventually.ReturnsAsync(() => harness.Client.GetInstanceHistoryAsync(id),
            h => h.Any(e => e.EventType == Dapr.Workflow.Client.WorkflowHistoryEventType.TimerCreated), because: "for the timer to be created");

    private static Task CustomStatusAsync(WorkflowHarness harness, string id, string status) =>
        Eventually.ReturnsAsync(() => harness.Client.GetWorkflowStateAsync(id),
            s => s?.ReadCustomStatusAs<string>() == status, because: $"for the custom status '{status}'");
}
