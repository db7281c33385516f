namespace SpaceOfSport.Analytics.Collection;

/// <summary>Settings <c>Analytics:Collection</c>.</summary>
public sealed class CollectionOptions
{
    public const string Section = "Analytics:Collection";

    /// <summary>The secret-store key of the storefront's Standard Webhooks secret (<c>whsec_</c> + base64).</summary>
    public const string SecretName = "analytics:webhookSecret";

    public const int MaxBatchSize = 500;

    /// <summary>How far a batch's <c>webhook-timestamp</c> may lie from now, either way (the replay window).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the secret read from the secret store is used before it is read again (rotation).</summary>
    public TimeSpan SecretRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The oldest an event may be when it arrives: the storefront sends within minutes, and an event older than the
    /// raw events' retention could be a replay whose first copy was already pruned.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(1);
}
