using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks.Webhooks;

namespace SpaceOfSport.Ordering.Delivery;

/// <summary>
/// Checks a partner message's Standard Webhooks signature with the shared <see cref="StandardWebhookVerifier"/> and the
/// partners' secret (<see cref="DeliveryOptions.SecretName"/>); on the HTTP route also its replay window (queued binding
/// messages are not held to it).
/// </summary>
public sealed class DeliveryWebhookVerifier(DaprClient dapr, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    private readonly StandardWebhookVerifier _verifier = new(dapr, clock, DeliveryOptions.SecretName, options.Value.SecretRefresh, DeliveryValidation.MaxMessageIdLength);

    /// <summary>Null when genuine (and, with <paramref name="replayWindow"/>, fresh); else the field and why not.</summary>
    public Task<(string Field, string Problem)?> VerifyAsync(
        string? messageId, string? timestamp, string? signatures, string payload, bool replayWindow, CancellationToken cancellationToken) =>
        _verifier.VerifyAsync(messageId, timestamp, signatures, payload, replayWindow ? options.Value.WebhookTolerance : null, cancellationToken);
}
