using SpaceOfSport.BuildingBlocks.Validation;
using SpaceOfSport.Contracts.Webhooks;

namespace SpaceOfSport.Ordering.Delivery;

/// <summary>What a verified partner event must hold; every refusal names its field.</summary>
public static class DeliveryValidation
{
    public const int MaxMessageIdLength = 200;
    public const int MaxCarrierLength = 60;
    public const int MaxTrackingNumberLength = 64;
    public const int MaxTrackingUrlLength = 2000;

    public static Dictionary<string, string[]> Check(DeliveryWebhook? webhook)
    {
        var errors = new Dictionary<string, string[]>();
        if (webhook is null)
        {
            errors["body"] = ["is not a delivery event"];
            return errors;
        }
        if (webhook.Type is not (DeliveryWebhook.Shipped or DeliveryWebhook.Delivered))
            errors["type"] = [$"one of {DeliveryWebhook.Shipped}, {DeliveryWebhook.Delivered}"];
        if (webhook.Data is not { } data)
        {
            errors["data"] = ["is required"];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(data.OrderNumber) || data.OrderNumber.Length > 20 || !TextRules.IsSingleLine(data.OrderNumber))
            errors["data.orderNumber"] = ["the order number on the label is required"];
        var shipped = webhook.Type == DeliveryWebhook.Shipped;
        if (shipped && (string.IsNullOrWhiteSpace(data.Carrier) || data.Carrier.Length > MaxCarrierLength || !TextRules.IsSingleLine(data.Carrier)))
            errors["data.carrier"] = [$"the carrier's name (at most {MaxCarrierLength} characters) is required"];
        if ((shipped || data.TrackingNumber is not null)
            && (string.IsNullOrWhiteSpace(data.TrackingNumber) || data.TrackingNumber.Length > MaxTrackingNumberLength || !TextRules.IsSingleLine(data.TrackingNumber)))
            errors["data.trackingNumber"] = [$"the tracking number (at most {MaxTrackingNumberLength} characters) is required"];
        if (data.TrackingUrl is not null
            && (data.TrackingUrl.Length > MaxTrackingUrlLength || !Uri.TryCreate(data.TrackingUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
            errors["data.trackingUrl"] = ["an absolute http(s) URL"];
        return errors;
    }
}
