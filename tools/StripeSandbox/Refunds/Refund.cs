using System.Text.Json.Nodes;

namespace StripeSandbox.Refunds;

/// <summary>A refund (https://docs.stripe.com/api/refunds/object): succeeded at once, or later failed (the refund-failure card).</summary>
public sealed class Refund
{
    public required string Id { get; init; }

    public required string PaymentIntentId { get; init; }

    public required string ChargeId { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public long Created { get; init; }

    public string? Reason { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public string Status { get; set; } = "succeeded";

    public string? FailureReason { get; set; }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["object"] = "refund",
            ["amount"] = Amount,
            ["balance_transaction"] = "txn_" + Id[3..],
            ["charge"] = ChargeId,
            ["created"] = Created,
            ["currency"] = Currency,
            ["destination_details"] = new JsonObject { ["card"] = new JsonObject { ["type"] = "refund" }, ["type"] = "card" },
            ["metadata"] = Json.Metadata(Metadata),
            ["payment_intent"] = PaymentIntentId,
            ["reason"] = Reason,
            ["receipt_number"] = null,
            ["source_transfer_reversal"] = null,
            ["status"] = Status,
            ["transfer_reversal"] = null,
        };
        if (FailureReason is not null) json["failure_reason"] = FailureReason;
        return json;
    }
}
