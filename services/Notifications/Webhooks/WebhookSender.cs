using System.Diagnostics;
using System.Globalization;
using System.Text;
using StandardWebhooks;

namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>
/// Sends one attempt of a delivery, signed per Standard Webhooks with the endpoint's secret (the <c>StandardWebhooks</c>
/// package: <c>webhook-id</c> = the event id, <c>webhook-timestamp</c> = now from <see cref="TimeProvider"/>,
/// <c>webhook-signature</c> = <c>v1,</c>HMAC-SHA256 of <c>id.timestamp.body</c>). A direct HttpClient rather than the
/// <c>partner-webhooks</c> http binding: that binding's URL is fixed per component, while each partner has its own, and
/// the address checks (<see cref="EndpointAddressRules"/>) must run at connection time, which only our own handler can do.
/// Any 2xx answer is a success; redirects are not followed (a redirect could lead inside the network).
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock)
{
    public const string ClientName = "partner-webhooks";
    private const int MaxErrorLength = 300;

    public async Task<WebhookAttempt> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var messageId = delivery.EventId.ToString();
        var signature = new StandardWebhook(endpoint.Secret).Sign(messageId, now, delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);

        // Latency is a measurement of the partner, not shop time: a stopwatch, not the (possibly simulated) clock.
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = (int)response.StatusCode;
            return new WebhookAttempt(now, status, elapsed, response.IsSuccessStatusCode ? null : $"the endpoint answered {status}");
        }
        catch (Exception exception) when (exception is (HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            var error = exception is TaskCanceledException ? "no answer within the attempt timeout" : exception.Message;
            return new WebhookAttempt(now, null, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                error.Length > MaxErrorLength ? error[..MaxErrorLength] : error);
        }
    }
}
