namespace LocalDapr.Tests.PubSub;

/// <summary>Waits for a condition with a generous deadline (the machine may be loaded), checking often so tests stay fast.</summary>
public static class Poll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Task UntilAsync(Func<bool> condition, string what, Func<string>? context = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, context);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {Deadline.TotalSeconds:0}s for {what}{(context is null ? "" : "\n" + context())}");
            await Task.Delay(20);
        }
    }
}
