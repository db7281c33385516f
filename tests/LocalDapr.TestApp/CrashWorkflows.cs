using Dapr.Workflow;

namespace LocalDapr.TestApp;

/// <summary>
/// Workflows for the crash tests. Activities append what they do to the file named by WORKFLOW_LOG, so a test sees
/// their side effects across app processes; HOLD_ACTIVITY=1 makes the shipping activity start and never finish, so the
/// app can be killed in the middle of it.
/// </summary>
public static class CrashWorkflows
{
    public static void Register(WorkflowRuntimeOptions options)
    {
        options.RegisterWorkflow<ShipmentWorkflow>();
        options.RegisterWorkflow<NapWorkflow>();
        options.RegisterWorkflow<SignOffWorkflow>();
        options.RegisterActivity<PackActivity>();
        options.RegisterActivity<ShipActivity>();
        options.RegisterActivity<NoteActivity>();
    }
}

public sealed class ActivityLog
{
    private readonly string? _path = Environment.GetEnvironmentVariable("WORKFLOW_LOG");
    private readonly Lock _gate = new();

    public void Write(string line)
    {
        if (_path is null) return;
        lock (_gate) File.AppendAllLines(_path, [line]);
    }
}

public sealed class ShipmentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string order)
    {
        var parcel = await context.CallActivityAsync<string>(nameof(PackActivity), order);
        return await context.CallActivityAsync<string>(nameof(ShipActivity), parcel);
    }
}

/// <summary>Sleeps on a durable timer for the given seconds, then notes that it woke.</summary>
public sealed class NapWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int seconds)
    {
        await context.CreateTimer(TimeSpan.FromSeconds(seconds));
        return await context.CallActivityAsync<string>(nameof(NoteActivity), $"woke {context.InstanceId}");
    }
}

public sealed class SignOffWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string document)
    {
        var signer = await context.WaitForExternalEventAsync<string>("signed");
        return await context.CallActivityAsync<string>(nameof(NoteActivity), $"{document} signed by {signer}");
    }
}

public sealed class PackActivity(ActivityLog log) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string order)
    {
        log.Write($"pack {order}");
        return Task.FromResult($"parcel-{order}");
    }
}

public sealed class ShipActivity(ActivityLog log) : WorkflowActivity<string, string>
{
    public override async Task<string> RunAsync(WorkflowActivityContext context, string parcel)
    {
        log.Write($"ship started {parcel}");
        if (Environment.GetEnvironmentVariable("HOLD_ACTIVITY") == "1") await Task.Delay(Timeout.Infinite);
        log.Write($"ship done {parcel}");
        return $"shipped {parcel}";
    }
}

public sealed class NoteActivity(ActivityLog log) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string note)
    {
        log.Write($"note {note}");
        return Task.FromResult(note);
    }
}
