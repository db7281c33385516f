using System.Security.Cryptography;
using System.Text;

namespace StripeSandbox.Webhooks;

/// <summary>
/// Stripe's webhook signature (https://docs.stripe.com/webhooks#verify-manually): <c>Stripe-Signature: t=&lt;unix
/// seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.payload" keyed with the endpoint secret&gt;</c>.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Stripe-Signature";

    public static string Create(string payload, string secret, long timestamp)
    {
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }
}
