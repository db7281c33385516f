using Dapr.Workflow;

namespace LocalDapr.Tests.Workflows;

// Contract: https://docs.dapr.io/developing-applications/building-blocks/workflow/workflow-patterns/ (task chaining,
// fan-out/fan-in, monitor via continue-as-new) and
// https://docs.dapr.io/developing-applications/building-blocks/workflow/workflow-features-concepts/ (retry policies,
// error handling, child workflows, deterministic CurrentUtcDateTime and NewGuid), through Dapr.Workflow 1.19 only.
public sealed class WorkflowPatternTests
{
    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task Chained_activities_run_in_order_each_on_the_previous_output(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "chain-1", "go");
        var state = await harness.CompletionOfAsync(id);

        state.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Completed);
        state.ReadOutputAs<string>().Should().Be("GO!!");
        harness.Probe.Calls(nameof(ShoutActivity)).Select(c => c.Input).Should().Equal("go");
        harness.Probe.Calls(nameof(ExclaimActivity)).Select(c => c.Input).Should().Equal("GO", "GO!");
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task Fifty_activities_fanned_out_are_all_awaited_before_the_sum(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(FanOutWorkflow), "fan-1", 50);
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<int>().Should().Be(Enumerable.Range(1, 50).Sum(i => i * i));
        harness.Probe.Calls(nameof(SquareActivity)).Select(c => int.Parse(c.Input, System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeEquivalentTo(Enumerable.Range(1, 50));
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_failing_activity_is_retried_with_growing_delays_until_it_succeeds(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(RetryWorkflow), "retry-1", 2);
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<string>().Should().Be("succeeded on attempt 3");
        var attempts = harness.Probe.Calls(nameof(FlakyActivity)).Select(c => c.At).ToList();
        attempts.Should().HaveCount(3);
        // First retry after 200 ms, the second after 400 ms (backoff coefficient 2).
        (attempts[1] - attempts[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(180));
        (attempts[2] - attempts[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380));
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task An_activity_that_keeps_failing_fails_the_workflow_after_the_last_attempt(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(RetryWorkflow), "retry-2", 10);
        var state = await harness.CompletionOfAsync(id);

        state.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Failed);
        state.FailureDetails!.ErrorMessage.Should().Contain("attempt 4 failed");
        harness.Probe.Calls(nameof(FlakyActivity)).Should().HaveCount(RetryWorkflow.Policy.MaxNumberOfAttempts);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task An_activity_failure_surfaces_as_WorkflowTaskFailedException_and_the_workflow_compensates(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(CompensationWorkflow), "order-17", "order-17");
        var state = await harness.CompletionOfAsync(id);

        state.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Completed);
        state.ReadOutputAs<string>().Should().Be("released reservation-order-17 after card declined");
        harness.Probe.Calls(nameof(ReleaseStockActivity)).Select(c => c.Input).Should().Equal("reservation-order-17");
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_child_workflow_result_reaches_its_parent(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "parent-1", "hello");
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<string>().Should().Be("child said HELLO");
        var child = await harness.Client.GetWorkflowStateAsync("parent-1-child");
        child!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Completed);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task A_failing_child_workflow_surfaces_in_the_parent_as_WorkflowTaskFailedException(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "parent-2", "fail");
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<string>().Should().Be("child failed: the child gave up");
        (await harness.Client.GetWorkflowStateAsync("parent-2-child"))!.RuntimeStatus.Should().Be(WorkflowRuntimeStatus.Failed);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task Continue_as_new_runs_an_eternal_workflow_with_a_bounded_history(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(CounterWorkflow), "counter-1", new CounterState(0, 20));
        var state = await harness.CompletionOfAsync(id);

        state.ReadOutputAs<int>().Should().Be(400);
        harness.Probe.Calls(nameof(SquareActivity)).Should().HaveCount(21);
        // Only the last execution's events remain: start, one activity, completion.
        (await harness.Client.GetInstanceHistoryAsync(id)).Count.Should().BeLessThan(10);
    }

    [Theory]
    [MemberData(nameof(WorkflowHarness.Backends), MemberType = typeof(WorkflowHarness))]
    public async Task CurrentUtcDateTime_advances_between_turns_and_NewGuid_survives_replay(WorkflowBackend backend)
    {
        await using var harness = await WorkflowHarness.StartAsync(backend);

        var id = await harness.Client.ScheduleNewWorkflowAsync(nameof(DeterminismWorkflow), "determinism-1", "x");
        var state = await harness.CompletionOfAsync(id);

        var report = state.ReadOutputAs<DeterminismReport>()!;
        (report.After - report.Before).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        // The Guid made in the first turn and recorded by the activity is the one the final replay made again.
        harness.Probe.Calls(nameof(RecordGuidActivity)).Select(c => c.Input).Should().Equal(report.Guid);
    }
}
