namespace LocalDapr.Tests.Bindings;

/// <summary>Waits for a condition with a deadline, so tests wait only as long as the runtime needs.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        var giveUp = DateTime.UtcNow + deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException($"gave up after {deadline.TotalSeconds:0}s waiting for {what}");
            await Task.Delay(50);
        }
    }
}
