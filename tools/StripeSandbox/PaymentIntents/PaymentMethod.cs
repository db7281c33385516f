using System.Text.Json.Nodes;

namespace StripeSandbox.PaymentIntents;

/// <summary>A card PaymentMethod (https://docs.stripe.com/api/payment_methods/object). The number stays in the sandbox.</summary>
public sealed class PaymentMethod
{
    public required string Id { get; init; }

    public required string Number { get; init; }

    public long ExpMonth { get; init; } = 12;

    public long ExpYear { get; init; } = 2034;

    public long Created { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "payment_method",
        ["billing_details"] = new JsonObject
        {
            ["address"] = new JsonObject { ["city"] = null, ["country"] = null, ["line1"] = null, ["line2"] = null, ["postal_code"] = null, ["state"] = null },
            ["email"] = null,
            ["name"] = null,
            ["phone"] = null,
        },
        ["card"] = new JsonObject
        {
            ["brand"] = TestCards.BrandOf(Number),
            ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "pass" },
            ["country"] = "US",
            ["exp_month"] = ExpMonth,
            ["exp_year"] = ExpYear,
            ["fingerprint"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Number)))[..16],
            ["funding"] = "credit",
            ["last4"] = Number[^4..],
            ["networks"] = new JsonObject { ["available"] = new JsonArray(TestCards.BrandOf(Number)), ["preferred"] = null },
            ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
            ["wallet"] = null,
        },
        ["created"] = Created,
        ["customer"] = null,
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["type"] = "card",
    };
}
