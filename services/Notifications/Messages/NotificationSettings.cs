namespace SpaceOfSport.Notifications.Messages;

/// <summary>Settings of customer messages (section <c>Notifications</c>).</summary>
public sealed class NotificationSettings
{
    public const string Section = "Notifications";

    /// <summary>The shop's public address: links in messages (orders, cart, unsubscribe) start with it.</summary>
    public Uri ShopUrl { get; set; } = new("http://localhost:8080");

    /// <summary>The sender of every email.</summary>
    public string EmailFrom { get; set; } = "Space of Sport <shop@spaceofsport.local>";

    /// <summary>
    /// Sends of one message on one channel before it is marked failed for good (each after Dapr's own retries of the
    /// binding call, and a redelivery of the event with pub/sub's backoff in between).
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>A send claimed by a replica that did not finish it within this time may be taken over (the replica died).</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
