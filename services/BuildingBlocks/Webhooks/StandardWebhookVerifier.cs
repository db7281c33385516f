using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapr;
using Dapr.Client;
using StandardWebhooks;

namespace SpaceOfSport.BuildingBlocks.Webhooks;

/// <summary>
/// Checks a message's Standard Webhooks signature (https://www.standardwebhooks.com/: HMAC-SHA256 of
/// <c>id.timestamp.body</c> with the shared secret, <c>v1,</c>base64 in <c>webhook-signature</c>, several allowed) with
/// the <c>StandardWebhooks</c> package, and optionally its replay window against <see cref="TimeProvider"/> (the
/// package's own check reads the wall clock, so the expected signature is computed with its <c>Sign</c> and compared in
/// constant time here). The secret (<c>whsec_</c> + base64) is read from the Dapr secret store under
/// <paramref name="secretName"/> and read again after <paramref name="secretRefresh"/> (rotation). A message id longer than
/// <paramref name="maxMessageIdLength"/> (what the receiver stores to deduplicate) is refused.
/// </summary>
public sealed class StandardWebhookVerifier(DaprClient dapr, TimeProvider clock, string secretName, TimeSpan secretRefresh, int maxMessageIdLength)
{
    private readonly SemaphoreSlim _secretLock = new(1, 1);
    private (StandardWebhook Signer, DateTimeOffset ReadAt)? _secret;

    /// <summary>
    /// Null when genuine (and, with <paramref name="replayWindow"/>, signed at most that long before or after now); else
    /// the header at fault and why. Throws <see cref="WebhookSecretUnavailableException"/> when the secret cannot be read.
    /// </summary>
    public async Task<(string Field, string Problem)?> VerifyAsync(
        string? messageId, string? timestamp, string? signatures, string payload, TimeSpan? replayWindow, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > maxMessageIdLength)
            return ("webhook-id", $"the message id (at most {maxMessageIdLength} characters) is required");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return ("webhook-timestamp", "seconds since 1970-01-01T00:00:00Z are required");
        if (string.IsNullOrWhiteSpace(signatures)) return ("webhook-signature", "a v1 signature is required");

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = clock.GetUtcNow();
        if (replayWindow is { } tolerance && (sentAt < now - tolerance || sentAt > now + tolerance))
            return ("webhook-timestamp", $"the message was signed at {sentAt:O}, outside the {tolerance.TotalSeconds:0} s replay window");

        var expected = Encoding.ASCII.GetBytes((await SignerAsync(cancellationToken)).Sign(messageId, sentAt, payload));
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))) return null;
        }
        return ("webhook-signature", "no signature matches the message");
    }

    private async Task<StandardWebhook> SignerAsync(CancellationToken cancellationToken)
    {
        if (_secret is { } cached && clock.GetUtcNow() - cached.ReadAt < secretRefresh) return cached.Signer;
        await _secretLock.WaitAsync(cancellationToken);
        try
        {
            if (_secret is { } fresh && clock.GetUtcNow() - fresh.ReadAt < secretRefresh) return fresh.Signer;
            Dictionary<string, string> secret;
            try
            {
                secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, secretName, cancellationToken: cancellationToken);
            }
            catch (DaprException exception)
            {
                throw new WebhookSecretUnavailableException($"the secret {secretName} could not be read: {exception.Message}", exception);
            }
            if (secret.Values.FirstOrDefault() is not { Length: > 0 } value) throw new WebhookSecretUnavailableException($"the secret {secretName} is empty");
            StandardWebhook signer;
            try
            {
                signer = new StandardWebhook(value);
            }
            catch (FormatException exception)
            {
                throw new WebhookSecretUnavailableException($"the secret {secretName} is not whsec_ followed by base64", exception);
            }
            _secret = (signer, clock.GetUtcNow());
            return signer;
        }
        finally
        {
            _secretLock.Release();
        }
    }
}

/// <summary>The webhook secret is missing or malformed: no message can be verified until it is fixed (answer 503, so senders retry).</summary>
public sealed class WebhookSecretUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
