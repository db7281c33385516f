using SpaceOfSport.Contracts;

namespace SpaceOfSport.Notifications.Push;

/// <summary>
/// A customer message to push to the customer's open tabs: published on <c>pubsub</c> by the replica that handled the
/// triggering event, heard on <c>hub-pubsub</c> by every replica, each telling its own connections on
/// <c>notifications:{userId}</c>. Internal to notifications.
/// </summary>
[IntegrationEvent("notifications", "push-requested")]
public sealed record PushRequested : IntegrationEvent
{
    public required Guid UserId { get; init; }

    public required string Template { get; init; }

    public required string Title { get; init; }

    public required string Text { get; init; }

    public string? Link { get; init; }
}
