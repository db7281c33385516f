namespace LocalDapr.Tests.Infrastructure;

/// <summary>Polls until a condition holds, for effects that arrive asynchronously (deliveries, reminders).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string because = "")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            T value;
            try
            {
                value = await probe();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                continue;
            }

            if (done(value)) return value;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"condition not met in time {because}; last value: {value}");
            await Task.Delay(100);
        }
    }
}
