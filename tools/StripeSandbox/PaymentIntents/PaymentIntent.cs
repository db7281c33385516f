using System.Text.Json.Nodes;

namespace StripeSandbox.PaymentIntents;

/// <summary>
/// A PaymentIntent (https://docs.stripe.com/api/payment_intents/object) with automatic capture: requires_payment_method →
/// (requires_action →) succeeded, or back to requires_payment_method after a decline; canceled from any state but succeeded.
/// Changed only under <see cref="SandboxAccount"/>'s lock.
/// </summary>
public sealed class PaymentIntent
{
    public required string Id { get; init; }

    public required string ClientSecret { get; init; }

    public long Amount { get; set; }

    public required string Currency { get; set; }

    public long Created { get; init; }

    /// <summary>The API version of the request that created it: its events are rendered for the same version.</summary>
    public required string ApiVersion { get; init; }

    public string Status { get; set; } = "requires_payment_method";

    public bool AutomaticPaymentMethods { get; set; }

    public List<string> PaymentMethodTypes { get; set; } = ["card"];

    public Dictionary<string, string> Metadata { get; set; } = [];

    public string? Description { get; set; }

    public string? PaymentMethodId { get; set; }

    public string? ReturnUrl { get; set; }

    public long AmountReceived { get; set; }

    /// <summary>What refunds took back; a failed refund gives its amount back.</summary>
    public long AmountRefunded { get; set; }

    public string? LatestChargeId { get; set; }

    public JsonObject? LastPaymentError { get; set; }

    public JsonObject? NextAction { get; set; }

    public long? CanceledAt { get; set; }

    public string? CancellationReason { get; set; }

    public CardOutcome? ChargedCardOutcome { get; set; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "payment_intent",
        ["amount"] = Amount,
        ["amount_capturable"] = 0,
        ["amount_received"] = AmountReceived,
        ["application"] = null,
        ["application_fee_amount"] = null,
        ["automatic_payment_methods"] = AutomaticPaymentMethods ? new JsonObject { ["allow_redirects"] = "always", ["enabled"] = true } : null,
        ["canceled_at"] = CanceledAt,
        ["cancellation_reason"] = CancellationReason,
        ["capture_method"] = "automatic",
        ["client_secret"] = ClientSecret,
        ["confirmation_method"] = "automatic",
        ["created"] = Created,
        ["currency"] = Currency,
        ["customer"] = null,
        ["description"] = Description,
        ["last_payment_error"] = LastPaymentError?.DeepClone(),
        ["latest_charge"] = LatestChargeId,
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["next_action"] = NextAction?.DeepClone(),
        ["on_behalf_of"] = null,
        ["payment_method"] = PaymentMethodId,
        ["payment_method_options"] = new JsonObject { ["card"] = new JsonObject { ["request_three_d_secure"] = "automatic" } },
        ["payment_method_types"] = new JsonArray([.. PaymentMethodTypes.Select(t => (JsonNode)JsonValue.Create(t))]),
        ["processing"] = null,
        ["receipt_email"] = null,
        ["review"] = null,
        ["setup_future_usage"] = null,
        ["shipping"] = null,
        ["statement_descriptor"] = null,
        ["statement_descriptor_suffix"] = null,
        ["status"] = Status,
        ["transfer_data"] = null,
        ["transfer_group"] = null,
    };
}
