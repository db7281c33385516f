namespace SpaceOfSport.Ordering.Delivery;

/// <summary>Settings <c>Ordering:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Ordering:Delivery";

    /// <summary>The secret-store key of the partners' Standard Webhooks secret (<c>whsec_</c> + base64).</summary>
    public const string SecretName = "delivery:webhookSecret";

    /// <summary>How far a webhook's <c>webhook-timestamp</c> may lie from now, either way (the replay window).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the secret read from the secret store is used before it is read again (rotation).</summary>
    public TimeSpan SecretRefresh { get; set; } = TimeSpan.FromMinutes(5);
}
