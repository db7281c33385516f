namespace SpaceOfSport.Notifications.Messages;

/// <summary>The channels a customer message goes out on.</summary>
public static class NotificationChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Push = "push";
}

/// <summary>Where a delivery stands: <c>sending</c> (claimed), <c>retrying</c> (failed, will be tried again), <c>sent</c>, <c>failed</c> (for good).</summary>
public static class DeliveryStatus
{
    public const string Sending = "sending";
    public const string Retrying = "retrying";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>
/// One message to one customer on one channel, for one event (key <c>delivery-{eventId}-{userId}-{channel}</c>): the
/// record that makes a redelivered event send nothing twice, and the delivery log's entry.
/// </summary>
public sealed record Delivery(
    Guid Id,
    Guid EventId,
    Guid UserId,
    string Template,
    string Channel,
    string Locale,
    string Status,
    int Attempts,
    string? Error,
    string? Reference,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
