using System.Text.Json.Nodes;

namespace StripeSandbox.Api;

/// <summary>
/// A Stripe error answer (https://docs.stripe.com/api/errors): <c>{"error": {"type", "code", "message", ...}}</c> with
/// Stripe's status codes — 400 invalid request, 401 no key, 402 card error, 404 missing resource, 409 idempotency key in use.
/// </summary>
public sealed class StripeErrorException(int status, JsonObject error, bool saveForIdempotency = false) : Exception(error["message"]?.GetValue<string>())
{
    public int Status { get; } = status;

    public JsonObject Error { get; } = error;

    /// <summary>
    /// Stripe saves an idempotent result only once the endpoint started executing (a card decline, a state conflict),
    /// never for parameters that failed validation.
    /// </summary>
    public bool SaveForIdempotency { get; } = saveForIdempotency;

    public JsonObject Body() => new() { ["error"] = Error.DeepClone() };

    public static StripeErrorException InvalidRequest(string message, string? param = null, string? code = null, bool executed = false)
    {
        var error = new JsonObject { ["type"] = "invalid_request_error", ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";
        }
        if (param is not null) error["param"] = param;
        return new StripeErrorException(StatusCodes.Status400BadRequest, error, executed);
    }

    public static StripeErrorException UnknownParameter(string param) =>
        InvalidRequest($"Received unknown parameter: {param}", param, "parameter_unknown");

    public static StripeErrorException Missing(string kind, string id, string param = "id") => new(StatusCodes.Status404NotFound, new JsonObject
    {
        ["type"] = "invalid_request_error",
        ["code"] = "resource_missing",
        ["doc_url"] = "https://stripe.com/docs/error-codes/resource-missing",
        ["message"] = $"No such {kind}: '{id}'",
        ["param"] = param,
    });

    public static StripeErrorException UnexpectedState(string message, JsonObject paymentIntent) => new(StatusCodes.Status400BadRequest, new JsonObject
    {
        ["type"] = "invalid_request_error",
        ["code"] = "payment_intent_unexpected_state",
        ["doc_url"] = "https://stripe.com/docs/error-codes/payment-intent-unexpected-state",
        ["message"] = message,
        ["payment_intent"] = paymentIntent,
    }, saveForIdempotency: true);

    public static StripeErrorException Card(JsonObject lastPaymentError, JsonObject paymentIntent)
    {
        var error = (JsonObject)lastPaymentError.DeepClone();
        error["payment_intent"] = paymentIntent;
        return new StripeErrorException(StatusCodes.Status402PaymentRequired, error, saveForIdempotency: true);
    }

    public static StripeErrorException Authentication(string message) =>
        new(StatusCodes.Status401Unauthorized, new JsonObject { ["type"] = "invalid_request_error", ["message"] = message });

    public static StripeErrorException Idempotency(string message, int status = StatusCodes.Status400BadRequest, string? code = null)
    {
        var error = new JsonObject { ["type"] = "idempotency_error", ["message"] = message };
        if (code is not null) error["code"] = code;
        return new StripeErrorException(status, error);
    }
}
