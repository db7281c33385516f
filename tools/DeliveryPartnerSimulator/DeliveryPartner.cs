using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpaceOfSport.Contracts.Webhooks;
using StandardWebhooks;

namespace DeliveryPartnerSimulator;

/// <summary>One signed webhook request: the Standard Webhooks headers and the exact body they sign.</summary>
public sealed record SignedDelivery(string WebhookId, string WebhookTimestamp, string WebhookSignature, string Payload)
{
    /// <summary>The same request as a relay queues it for the <c>delivery-events</c> input binding.</summary>
    public RelayedDeliveryWebhook Relayed => new(WebhookId, WebhookTimestamp, WebhookSignature, Payload);

    public HttpRequestMessage ToRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Payload, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", WebhookId);
        request.Headers.Add("webhook-timestamp", WebhookTimestamp);
        request.Headers.Add("webhook-signature", WebhookSignature);
        return request;
    }
}

/// <summary>
/// A delivery partner as ordering meets it: shipped and delivered events about an order (or a return's exchange
/// parcel) with a realistic carrier, tracking number and URL, signed with the shared Standard Webhooks secret
/// (<c>whsec_</c> + base64) by the <c>StandardWebhooks</c> package. Used by the dev command and by the tests.
/// </summary>
public sealed class DeliveryPartner(string secret, TimeProvider? clock = null, Random? random = null)
{
    public const string WebhookPath = "/webhooks/delivery";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly StandardWebhook _signer = new(secret);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>A new parcel's carrier and tracking details.</summary>
    public DeliveryWebhookData Shipment(string orderNumber, Guid? returnId = null)
    {
        var carrier = Carrier.All[_random.Next(Carrier.All.Count)];
        var number = carrier.NewTrackingNumber(_random);
        return new DeliveryWebhookData(orderNumber, returnId, carrier.Name, number, carrier.TrackingUrl(number));
    }

    public SignedDelivery Shipped(DeliveryWebhookData shipment) => Sign(new DeliveryWebhook(DeliveryWebhook.Shipped, _clock.GetUtcNow(), shipment));

    public SignedDelivery Delivered(DeliveryWebhookData shipment) =>
        Sign(new DeliveryWebhook(DeliveryWebhook.Delivered, _clock.GetUtcNow(), shipment with { DeliveredAt = _clock.GetUtcNow() }));

    /// <summary>Signs <paramref name="webhook"/> as sent at <paramref name="sentAt"/> (now by default) under a new message id unless one is given.</summary>
    public SignedDelivery Sign(DeliveryWebhook webhook, DateTimeOffset? sentAt = null, string? messageId = null)
    {
        var payload = JsonSerializer.Serialize(webhook, Json);
        var id = messageId ?? $"msg_{Guid.CreateVersion7():N}";
        var at = sentAt ?? _clock.GetUtcNow();
        return new SignedDelivery(id, at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), _signer.Sign(id, at, payload), payload);
    }

    /// <summary>Posts <paramref name="delivery"/> to <paramref name="client"/>'s <c>/webhooks/delivery</c>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, SignedDelivery delivery, CancellationToken cancellationToken = default)
    {
        using var request = delivery.ToRequest(WebhookPath);
        // As the client's own helpers do: an h2c-only service needs the client's HTTP version, not the message's 1.1 default.
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        return await client.SendAsync(request, cancellationToken);
    }
}
