using SpaceOfSport.Contracts.Events.Notifications;

namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>The <see cref="WebhookEndpointChanged"/> event of an endpoint as it is after a change (before it, for a deletion).</summary>
public static class WebhookEndpointChanges
{
    public static WebhookEndpointChanged Of(WebhookEndpoint endpoint, string change, Guid? changedBy, TimeProvider clock) => new()
    {
        EndpointId = endpoint.Id,
        Change = change,
        Url = endpoint.Url,
        EventTypes = [.. endpoint.EventTypes.Order(StringComparer.Ordinal)],
        Enabled = endpoint.Enabled,
        ChangedBy = changedBy,
        OccurredAt = clock.GetUtcNow(),
    };
}
