using System.Collections.Concurrent;
using Dapr.Workflow;

namespace LocalDapr.Tests.Workflows;

/// <summary>What activities did, seen from outside the workflow: each call with its input and when it ran.</summary>
public sealed class WorkflowProbe
{
    private readonly ConcurrentQueue<(string Activity, string Input, DateTimeOffset At)> _calls = new();

    public void Record(string activity, string input) => _calls.Enqueue((activity, input, DateTimeOffset.UtcNow));

    public IReadOnlyList<(string Input, DateTimeOffset At)> Calls(string activity) =>
        _calls.Where(c => c.Activity == activity).Select(c => (c.Input, c.At)).ToList();
}

// ---- activities ----

public sealed class ShoutActivity(WorkflowProbe probe) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input)
    {
        probe.Record(nameof(ShoutActivity), input);
        return Task.FromResult(input.ToUpperInvariant());
    }
}

public sealed class ExclaimActivity(WorkflowProbe probe) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input)
    {
        probe.Record(nameof(ExclaimActivity), input);
        return Task.FromResult(input + "!");
    }
}

public sealed class SquareActivity(WorkflowProbe probe) : WorkflowActivity<int, int>
{
    public override Task<int> RunAsync(WorkflowActivityContext context, int input)
    {
        probe.Record(nameof(SquareActivity), input.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Task.FromResult(input * input);
    }
}

/// <summary>Fails until it has been called as often as its input says.</summary>
public sealed class FlakyActivity(WorkflowProbe probe) : WorkflowActivity<int, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, int failuresBeforeSuccess)
    {
        probe.Record(nameof(FlakyActivity), context.InstanceId);
        var attempt = probe.Calls(nameof(FlakyActivity)).Count(c => c.Input == context.InstanceId);
        return attempt <= failuresBeforeSuccess
            ? throw new InvalidOperationException($"attempt {attempt} failed")
            : Task.FromResult($"succeeded on attempt {attempt}");
    }
}

public sealed class ReserveStockActivity(WorkflowProbe probe) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string order)
    {
        probe.Record(nameof(ReserveStockActivity), order);
        return Task.FromResult($"reservation-{order}");
    }
}

public sealed class ChargeCardActivity(WorkflowProbe probe) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string order)
    {
        probe.Record(nameof(ChargeCardActivity), order);
        throw new InvalidOperationException("card declined");
    }
}

public sealed class ReleaseStockActivity(WorkflowProbe probe) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string reservation)
    {
        probe.Record(nameof(ReleaseStockActivity), reservation);
        return Task.FromResult($"released {reservation}");
    }
}

/// <summary>Records the Guid the workflow made before calling it, to compare with what the workflow returns after replay.</summary>
public sealed class RecordGuidActivity(WorkflowProbe probe) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string guid)
    {
        probe.Record(nameof(RecordGuidActivity), guid);
        return Task.FromResult(guid);
    }
}

// ---- workflows (https://docs.dapr.io/developing-applications/building-blocks/workflow/workflow-patterns/) ----

public sealed class ChainWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var shouted = await context.CallActivityAsync<string>(nameof(ShoutActivity), input);
        var exclaimed = await context.CallActivityAsync<string>(nameof(ExclaimActivity), shouted);
        return await context.CallActivityAsync<string>(nameof(ExclaimActivity), exclaimed);
    }
}

public sealed class FanOutWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowContext context, int count)
    {
        var squares = Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>(nameof(SquareActivity), i)).ToList();
        return (await Task.WhenAll(squares)).Sum();
    }
}

public sealed class RetryWorkflow : Workflow<int, string>
{
    public static readonly WorkflowRetryPolicy Policy = new(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromMilliseconds(200), backoffCoefficient: 2);

    public override Task<string> RunAsync(WorkflowContext context, int failuresBeforeSuccess) =>
        context.CallActivityAsync<string>(nameof(FlakyActivity), failuresBeforeSuccess, new WorkflowTaskOptions(Policy));
}

public sealed class CompensationWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string order)
    {
        var reservation = await context.CallActivityAsync<string>(nameof(ReserveStockActivity), order);
        try
        {
            await context.CallActivityAsync<string>(nameof(ChargeCardActivity), order);
            return "paid";
        }
        catch (WorkflowTaskFailedException e)
        {
            var released = await context.CallActivityAsync<string>(nameof(ReleaseStockActivity), reservation);
            return $"{released} after {e.FailureDetails.ErrorMessage}";
        }
    }
}

public sealed class TimerWorkflow : Workflow<int, DateTime>
{
    public override async Task<DateTime> RunAsync(WorkflowContext context, int minutes)
    {
        await context.CreateTimer(TimeSpan.FromMinutes(minutes));
        return context.CurrentUtcDateTime;
    }
}

/// <summary>Waits for "approval"; input is the timeout in milliseconds, 0 for none.</summary>
public sealed class ApprovalWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int timeoutMilliseconds)
    {
        context.SetCustomStatus("waiting for approval");
        try
        {
            var approver = timeoutMilliseconds == 0
                ? await context.WaitForExternalEventAsync<string>("approval")
                : await context.WaitForExternalEventAsync<string>("approval", TimeSpan.FromMilliseconds(timeoutMilliseconds));
            context.SetCustomStatus("approved");
            return $"approved by {approver}";
        }
        catch (TaskCanceledException)
        {
            context.SetCustomStatus("timed out");
            return "timed out";
        }
    }
}

public sealed class ParentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        try
        {
            var child = await context.CallChildWorkflowAsync<string>(nameof(ChildWorkflow), input, new ChildWorkflowTaskOptions($"{context.InstanceId}-child"));
            return $"child said {child}";
        }
        catch (WorkflowTaskFailedException e)
        {
            return $"child failed: {e.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>Shouts its input, fails on "fail", and waits for "go" on "wait".</summary>
public sealed class ChildWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        if (input == "fail") throw new InvalidOperationException("the child gave up");
        if (input == "wait") await context.WaitForExternalEventAsync<string>("go");
        return await context.CallActivityAsync<string>(nameof(ShoutActivity), input);
    }
}

/// <summary>Counts to its target one execution at a time, through continue-as-new.</summary>
public sealed class CounterWorkflow : Workflow<CounterState, int>
{
    public override async Task<int> RunAsync(WorkflowContext context, CounterState state)
    {
        var squared = await context.CallActivityAsync<int>(nameof(SquareActivity), state.Count);
        if (state.Count >= state.Target) return squared;
        context.ContinueAsNew(state with { Count = state.Count + 1 });
        return -1;
    }
}

public sealed record CounterState(int Count, int Target);

/// <summary>The clock and Guids a workflow sees, before and after a turn boundary.</summary>
public sealed class DeterminismWorkflow : Workflow<string, DeterminismReport>
{
    public override async Task<DeterminismReport> RunAsync(WorkflowContext context, string input)
    {
        var before = context.CurrentUtcDateTime;
        var guid = context.NewGuid().ToString();
        await context.CallActivityAsync<string>(nameof(RecordGuidActivity), guid);
        await context.CreateTimer(TimeSpan.FromMilliseconds(300));
        return new DeterminismReport(before, context.CurrentUtcDateTime, guid);
    }
}

public sealed record DeterminismReport(DateTime Before, DateTime After, string Guid);

public static class TestWorkflowRegistration
{
    public static void RegisterAll(WorkflowRuntimeOptions options)
    {
        options.RegisterWorkflow<ChainWorkflow>();
        options.RegisterWorkflow<FanOutWorkflow>();
        options.RegisterWorkflow<RetryWorkflow>();
        options.RegisterWorkflow<CompensationWorkflow>();
        options.RegisterWorkflow<TimerWorkflow>();
        options.RegisterWorkflow<ApprovalWorkflow>();
        options.RegisterWorkflow<ParentWorkflow>();
        options.RegisterWorkflow<ChildWorkflow>();
        options.RegisterWorkflow<CounterWorkflow>();
        options.RegisterWorkflow<DeterminismWorkflow>();
        options.RegisterActivity<ShoutActivity>();
        options.RegisterActivity<ExclaimActivity>();
        options.RegisterActivity<SquareActivity>();
        options.RegisterActivity<FlakyActivity>();
        options.RegisterActivity<ReserveStockActivity>();
        options.RegisterActivity<ChargeCardActivity>();
        options.RegisterActivity<ReleaseStockActivity>();
        options.RegisterActivity<RecordGuidActivity>();
    }
}
