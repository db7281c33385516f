namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// When a failed delivery is tried again, like Stripe's: after 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h, each delay
/// stretched by up to 10% at random (jitter, so endpoints that failed together do not retry together), until
/// <see cref="WebhookSettings.RetryFor"/> (3 days) after the round's first attempt: about 12 attempts in all.
/// </summary>
public static class RetrySchedule
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10)];

    public const double MaxJitter = 0.1;

    /// <summary>The next attempt after <paramref name="failedAttempts"/> failures, or null when the round is over.</summary>
    public static DateTimeOffset? Next(int failedAttempts, DateTimeOffset now, DateTimeOffset roundStartedAt, TimeSpan retryFor)
    {
        var delay = Delays[Math.Clamp(failedAttempts - 1, 0, Delays.Length - 1)];
        var next = now + delay * (1 + Random.Shared.NextDouble() * MaxJitter);
        return next <= roundStartedAt + retryFor ? next : null;
    }
}
