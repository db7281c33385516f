namespace StripeSandbox;

/// <summary>Settings under <c>Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>The API version of objects created by a request without a <c>Stripe-Version</c> header.</summary>
    public string DefaultApiVersion { get; set; } = "2026-10-28.endive";

    /// <summary>
    /// The base URL browsers reach the hosted pages at (e.g. <c>http://localhost:5190</c>); when unset, the scheme and
    /// host of the request that produced the link.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long after a refund of the refund-failure test card it turns from succeeded to failed.</summary>
    public TimeSpan RefundFailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    public WebhookOptions Webhooks { get; set; } = new();
}

public sealed class WebhookOptions
{
    /// <summary>Where every event is sent, each signed with its own secret or <see cref="Secret"/>.</summary>
    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>
    /// The endpoint signing secret (<c>whsec_...</c>) for endpoints without their own. When unset, the Dapr secret
    /// <c>stripe:webhookSecret</c> — the one payments verifies with, so the two never disagree.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>The wait before the first retry of a failed delivery; each further retry waits twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per event and endpoint, the first included.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Deliveries in flight at once.</summary>
    public int Concurrency { get; set; } = 8;
}

public sealed class WebhookEndpointOptions
{
    public string Url { get; set; } = "";

    public string? Secret { get; set; }
}
