namespace SpaceOfSport.TestSupport;

/// <summary>Polls until a condition holds, for effects that arrive asynchronously (deliveries, reminders, indexes).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Probes until <paramref name="done"/> accepts the value and returns it; a probe that throws is retried.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string because = "")
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            T value;
            try
            {
                value = await probe();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                continue;
            }

            if (done(value)) return value;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"condition not met in time {because}; last value: {value}");
            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? context = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, context);

    /// <summary>Waits until <paramref name="condition"/> holds; the timeout names <paramref name="what"/> and the context.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? context = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {limit.TotalSeconds:0}s for {what}{(context is null ? "" : "\n" + context())}");
            await Task.Delay(20);
        }
    }
}
