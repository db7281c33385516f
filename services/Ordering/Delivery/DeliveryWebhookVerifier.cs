using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using StandardWebhooks;

namespace SpaceOfSport.Ordering.Delivery;

/// <summary>
/// Checks a partner message's Standard Webhooks signature (https://www.standardwebhooks.com/: HMAC-SHA256 of
/// <c>id.timestamp.body</c> with the shared secret, <c>v1,</c>base64 in <c>webhook-signature</c>, several allowed) with
/// the <c>StandardWebhooks</c> package, and on the HTTP route its replay window against <see cref="TimeProvider"/>
/// (the package's own check reads the wall clock, so the expected signature is computed with its <c>Sign</c> and
/// compared in constant time here; queued binding messages are not held to it). The secret (<see cref="DeliveryOptions.SecretName"/>) comes from the Dapr secret store.
/// </summary>
public sealed class DeliveryWebhookVerifier(DaprClient dapr, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _secretLock = new(1, 1);
    private (StandardWebhook Signer, DateTimeOffset ReadAt)? _secret;

    /// <summary>Null when genuine (and, with <paramref name="replayWindow"/>, fresh); else the field and why not.</summary>
    public async Task<(string Field, string Problem)?> VerifyAsync(
        string? messageId, string? timestamp, string? signatures, string payload, bool replayWindow, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > DeliveryValidation.MaxMessageIdLength)
            return ("webhook-id", $"the message id (at most {DeliveryValidation.MaxMessageIdLength} characters) is required");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return ("webhook-timestamp", "seconds since 1970-01-01T00:00:00Z are required");
        if (string.IsNullOrWhiteSpace(signatures)) return ("webhook-signature", "a v1 signature is required");

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var tolerance = options.Value.WebhookTolerance;
        if (replayWindow && (sentAt < clock.GetUtcNow() - tolerance || sentAt > clock.GetUtcNow() + tolerance))
            return ("webhook-timestamp", $"the message was signed at {sentAt:O}, outside the {tolerance.TotalSeconds:0} s replay window");

        var expected = (await SignerAsync(cancellationToken)).Sign(messageId, sentAt, payload);
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))) return null;
        }
        return ("webhook-signature", "no signature matches the message");
    }

    private async Task<StandardWebhook> SignerAsync(CancellationToken cancellationToken)
    {
        if (_secret is { } cached && clock.GetUtcNow() - cached.ReadAt < options.Value.SecretRefresh) return cached.Signer;
        await _secretLock.WaitAsync(cancellationToken);
        try
        {
            if (_secret is { } fresh && clock.GetUtcNow() - fresh.ReadAt < options.Value.SecretRefresh) return fresh.Signer;
            Dictionary<string, string> secret;
            try
            {
                secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, DeliveryOptions.SecretName, cancellationToken: cancellationToken);
            }
            catch (DaprException exception)
            {
                throw new DeliverySecretUnavailableException($"the secret {DeliveryOptions.SecretName} could not be read: {exception.Message}", exception);
            }
            if (secret.Values.FirstOrDefault() is not { Length: > 0 } value) throw new DeliverySecretUnavailableException($"the secret {DeliveryOptions.SecretName} is empty");
            StandardWebhook signer;
            try
            {
                signer = new StandardWebhook(value);
            }
            catch (FormatException exception)
            {
                throw new DeliverySecretUnavailableException($"the secret {DeliveryOptions.SecretName} is not whsec_ followed by base64", exception);
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

/// <summary>The partners' secret is missing or malformed: no message can be verified until it is fixed (a 503, so partners retry).</summary>
public sealed class DeliverySecretUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
