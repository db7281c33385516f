namespace SpaceOfSport.Payments.Stripe;

/// <summary>Settings under <c>Payments:Stripe</c>. The keys themselves come from the Dapr secret store, never from here.</summary>
public sealed class StripeSettings
{
    public const string Section = "Payments:Stripe";

    /// <summary>The secret key (<c>sk_live_...</c>/<c>sk_test_...</c>); absent: payments talks to the sandbox.</summary>
    public const string SecretKeySecret = "stripe:secretKey";

    /// <summary>The webhook endpoint's signing secret (<c>whsec_...</c>).</summary>
    public const string WebhookSecretSecret = "stripe:webhookSecret";

    /// <summary>The key payments presents to the sandbox (any test key is accepted there).</summary>
    public const string SandboxApiKey = "sk_test_sandbox";

    /// <summary>The Stripe sandbox (tools/StripeSandbox) used while no secret key is configured.</summary>
    public Uri SandboxUrl { get; set; } = new("http://localhost:5190");

    /// <summary>How old a webhook's signed timestamp may be (Stripe.net's default, 300 s).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);
}
