namespace SpaceOfSport.Contracts.Webhooks;

/// <summary>
/// What a delivery partner sends ordering (<c>POST /webhooks/delivery</c>, Standard Webhooks signatures in the
/// <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> headers), as the spec's payload shape:
/// a type, when it happened, and its data.
/// </summary>
public sealed record DeliveryWebhook(string? Type, DateTimeOffset? Timestamp, DeliveryWebhookData? Data)
{
    /// <summary>The partner picked the parcel up: carrier, tracking number and URL known.</summary>
    public const string Shipped = "shipment.shipped";

    /// <summary>The partner handed the parcel over.</summary>
    public const string Delivered = "shipment.delivered";
}

/// <param name="OrderNumber">The number on the label, e.g. <c>SOS-2026-000123</c>.</param>
/// <param name="ReturnId">Set when the parcel is a return's exchange rather than the order itself.</param>
/// <param name="DeliveredAt">When the partner handed it over (delivered events).</param>
public sealed record DeliveryWebhookData(
    string? OrderNumber,
    Guid? ReturnId = null,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? TrackingUrl = null,
    DateTimeOffset? DeliveredAt = null);

/// <summary>
/// A partner's signed webhook request as a relay queues it for the <c>delivery-events</c> input binding (AWS: SQS):
/// the three Standard Webhooks headers and the raw body, verified exactly as the HTTP route verifies them.
/// </summary>
public sealed record RelayedDeliveryWebhook(string? WebhookId, string? WebhookTimestamp, string? WebhookSignature, string? Payload);
