using Dapr.Client;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.Notifications.Templates;

namespace SpaceOfSport.Notifications.Push;

/// <summary>Pushes a message through the hub's personal channel <c>notifications:{userId}</c>, on every replica (<see cref="PushRequested"/>).</summary>
public sealed class PushSender(DaprClient dapr, TimeProvider clock)
{
    /// <summary>The hub message's <c>type</c>.</summary>
    public const string MessageType = "notification";

    public async Task<string> SendAsync(Guid userId, RenderedMessage message, string? link, Guid deliveryId, CancellationToken cancellationToken)
    {
        // The delivery's id: a send retried after a crash is the same hub message, numbered once in the channel log.
        var push = new PushRequested { Id = deliveryId, UserId = userId, Template = message.Template, Title = message.Subject, Text = message.Sms, Link = link, OccurredAt = clock.GetUtcNow() };
        await dapr.PublishEventAsync(DaprComponents.PubSub, IntegrationEvent.Topic<PushRequested>(), push, cancellationToken);
        return $"notifications:{userId:D}";
    }
}
