using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StripeSandbox.Api;
using StripeSandbox.Events;
using StripeSandbox.PaymentIntents;
using StripeSandbox.Refunds;
using StripeSandbox.Webhooks;

namespace StripeSandbox;

/// <summary>
/// The one test-mode Stripe account the sandbox plays: its PaymentIntents, PaymentMethods, refunds and events, kept in
/// memory (a restart is a fresh account). One lock serializes every change, so each event is a consistent snapshot.
/// </summary>
public sealed class SandboxAccount(TimeProvider clock, IOptions<SandboxOptions> options, WebhookDispatcher webhooks)
{
    private static readonly HashSet<string> ZeroDecimalCurrencies = ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];
    private static readonly HashSet<string> CancellationReasons = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];
    private static readonly HashSet<string> RefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PaymentIntent> _intents = new(StringComparer.Ordinal);
    private readonly List<PaymentIntent> _intentsByCreation = [];
    private readonly Dictionary<string, PaymentMethod> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Refund> _refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StripeEvent> _events = new(StringComparer.Ordinal);

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public JsonObject CreatePaymentMethod(string number, long? expMonth, long? expYear, Dictionary<string, string> metadata)
    {
        number = number.Replace(" ", "", StringComparison.Ordinal);
        if (!TestCards.PassesLuhn(number))
            throw new StripeErrorException(StatusCodes.Status402PaymentRequired, new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = "incorrect_number",
                ["message"] = "Your card number is incorrect.",
                ["param"] = "card[number]",
                ["doc_url"] = "https://stripe.com/docs/error-codes/incorrect-number",
            });
        var method = new PaymentMethod { Id = StripeIds.New("pm"), Number = number, ExpMonth = expMonth ?? 12, ExpYear = expYear ?? 2034, Created = Now, Metadata = metadata };
        lock (_gate) _methods[method.Id] = method;
        return method.ToJson();
    }

    public JsonObject CreatePaymentIntent(PaymentIntentRequest request, RequestContext context, Func<PaymentIntent, string> threeDSecureUrl)
    {
        var currency = request.Currency.ToLowerInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
            throw StripeErrorException.InvalidRequest($"Invalid currency: {request.Currency}.", "currency", "parameter_invalid_string");
        if (request.Amount < 1 || request.Amount > 99_999_999)
            throw StripeErrorException.InvalidRequest("Amount must be a positive integer of at most 99999999.", "amount", "parameter_invalid_integer");
        if (!ZeroDecimalCurrencies.Contains(currency) && request.Amount < 50)
            throw StripeErrorException.InvalidRequest($"Amount must be at least 50 cents ({currency}).", "amount", "amount_too_small");
        if (request.AutomaticPaymentMethods && request.PaymentMethodTypes.Count > 0)
            throw StripeErrorException.InvalidRequest("You may only specify one of these parameters: automatic_payment_methods, payment_method_types.", "automatic_payment_methods");
        if (request.PaymentMethodTypes.Any(t => t != "card"))
            throw StripeErrorException.InvalidRequest("The sandbox supports the payment method type card only.", "payment_method_types", "payment_method_type_invalid");

        lock (_gate)
        {
            var id = StripeIds.New("pi");
            var intent = new PaymentIntent
            {
                Id = id,
                ClientSecret = $"{id}_secret_{StripeIds.New("s")[2..]}",
                Amount = request.Amount,
                Currency = currency,
                Created = Now,
                ApiVersion = context.ApiVersion,
                AutomaticPaymentMethods = request.AutomaticPaymentMethods,
                Metadata = request.Metadata,
                Description = request.Description,
                ReturnUrl = request.ReturnUrl,
            };
            if (request.PaymentMethod is { } paymentMethod)
            {
                intent.PaymentMethodId = ResolvePaymentMethod(paymentMethod).Id;
                intent.Status = "requires_confirmation";
            }
            _intents[id] = intent;
            _intentsByCreation.Add(intent);
            Raise("payment_intent.created", intent.ApiVersion, intent.ToJson(), context);
            if (request.Confirm) return ConfirmLocked(intent, null, request.ReturnUrl, context, threeDSecureUrl);
            return intent.ToJson();
        }
    }

    public JsonObject GetPaymentIntent(string id)
    {
        lock (_gate) return Intent(id).ToJson();
    }

    /// <summary>The PaymentIntent the client secret belongs to (the hosted pages' credential), or null.</summary>
    public JsonObject? GetPaymentIntentWithSecret(string id, string? clientSecret)
    {
        lock (_gate) return _intents.TryGetValue(id, out var intent) && intent.ClientSecret == clientSecret ? intent.ToJson() : null;
    }

    public string? ReturnUrlOf(string id)
    {
        lock (_gate) return Intent(id).ReturnUrl;
    }

    public JsonObject ListPaymentIntents(int limit, string? startingAfter)
    {
        lock (_gate)
        {
            IEnumerable<PaymentIntent> newestFirst = Enumerable.Reverse(_intentsByCreation);
            if (startingAfter is not null) newestFirst = newestFirst.SkipWhile(i => i.Id != startingAfter).Skip(1);
            var page = newestFirst.Take(limit + 1).ToList();
            return new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. page.Take(limit).Select(i => (JsonNode)i.ToJson())]),
                ["has_more"] = page.Count > limit,
                ["url"] = "/v1/payment_intents",
            };
        }
    }

    public JsonObject ConfirmPaymentIntent(string id, string? paymentMethod, string? returnUrl, RequestContext context, Func<PaymentIntent, string> threeDSecureUrl)
    {
        lock (_gate) return ConfirmLocked(Intent(id), paymentMethod, returnUrl, context, threeDSecureUrl);
    }

    /// <summary>The 3-D Secure challenge answered (the hosted challenge page or a test's call).</summary>
    public JsonObject CompleteAuthentication(string id, bool succeed, RequestContext context)
    {
        lock (_gate)
        {
            var intent = Intent(id);
            if (intent.Status != "requires_action")
                throw StripeErrorException.UnexpectedState($"This PaymentIntent has a status of {intent.Status}; only one that requires_action can be authenticated.", intent.ToJson());
            intent.NextAction = null;
            if (succeed)
            {
                Succeed(intent, context);
            }
            else
            {
                intent.Status = "requires_payment_method";
                intent.LastPaymentError = new JsonObject
                {
                    ["code"] = "payment_intent_authentication_failure",
                    ["doc_url"] = "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
                    ["message"] = "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
                    ["payment_method"] = _methods[intent.PaymentMethodId!].ToJson(),
                    ["type"] = "invalid_request_error",
                };
                Raise("payment_intent.payment_failed", intent.ApiVersion, intent.ToJson(), context);
            }
            return intent.ToJson();
        }
    }

    public JsonObject CancelPaymentIntent(string id, string? reason, RequestContext context)
    {
        if (reason is not null && !CancellationReasons.Contains(reason))
            throw StripeErrorException.InvalidRequest($"Invalid cancellation_reason: must be one of {string.Join(", ", CancellationReasons)}", "cancellation_reason", "parameter_invalid_string");
        lock (_gate)
        {
            var intent = Intent(id);
            if (intent.Status is "succeeded" or "canceled")
                throw StripeErrorException.UnexpectedState(
                    $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.",
                    intent.ToJson());
            intent.Status = "canceled";
            intent.CanceledAt = Now;
            intent.CancellationReason = reason;
            intent.NextAction = null;
            Raise("payment_intent.canceled", intent.ApiVersion, intent.ToJson(), context);
            return intent.ToJson();
        }
    }

    public JsonObject CreateRefund(string paymentIntentId, long? amount, string? reason, Dictionary<string, string> metadata, RequestContext context)
    {
        if (reason is not null && !RefundReasons.Contains(reason))
            throw StripeErrorException.InvalidRequest($"Invalid reason: must be one of {string.Join(", ", RefundReasons)}", "reason", "parameter_invalid_string");
        if (amount is < 1) throw StripeErrorException.InvalidRequest("Amount must be a positive integer.", "amount", "parameter_invalid_integer");
        lock (_gate)
        {
            if (!_intents.TryGetValue(paymentIntentId, out var intent)) throw StripeErrorException.Missing("payment_intent", paymentIntentId, "payment_intent");
            if (intent.Status != "succeeded" || intent.LatestChargeId is null)
                throw StripeErrorException.InvalidRequest($"This PaymentIntent ({intent.Id}) does not have a successful charge to refund.", "payment_intent", executed: true);
            var refundable = intent.AmountReceived - intent.AmountRefunded;
            if (refundable == 0)
                throw StripeErrorException.InvalidRequest($"Charge {intent.LatestChargeId} has already been refunded.", null, "charge_already_refunded", executed: true);
            var refunding = amount ?? refundable;
            if (refunding > refundable)
                throw StripeErrorException.InvalidRequest(
                    $"Refund amount ({refunding} {intent.Currency}) is greater than unrefunded amount on charge ({refundable} {intent.Currency})", "amount", executed: true);

            var refund = new Refund
            {
                Id = StripeIds.New("re"),
                PaymentIntentId = intent.Id,
                ChargeId = intent.LatestChargeId,
                Amount = refunding,
                Currency = intent.Currency,
                Created = Now,
                Reason = reason,
                Metadata = metadata,
            };
            _refunds[refund.Id] = refund;
            intent.AmountRefunded += refunding;
            Raise("refund.created", intent.ApiVersion, refund.ToJson(), context);
            if (intent.ChargedCardOutcome == CardOutcome.RefundFails) _ = FailRefundLaterAsync(refund.Id, intent.ApiVersion);
            return refund.ToJson();
        }
    }

    public JsonObject GetRefund(string id)
    {
        lock (_gate) return _refunds.TryGetValue(id, out var refund) ? refund.ToJson() : throw StripeErrorException.Missing("refund", id);
    }

    public JsonObject GetEvent(string id)
    {
        lock (_gate) return _events.TryGetValue(id, out var stripeEvent) ? stripeEvent.ToJson() : throw StripeErrorException.Missing("event", id);
    }

    public JsonObject ListEvents(int limit, string? type)
    {
        lock (_gate)
        {
            var events = _events.Values.Where(e => type is null || e.Type == type).OrderByDescending(e => e.Created).Take(limit).Select(e => (JsonNode)e.ToJson());
            return new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. events]), ["has_more"] = false, ["url"] = "/v1/events" };
        }
    }

    /// <summary>Sends an event again to every endpoint, as the dashboard's "Resend" does.</summary>
    public void ResendEvent(string id)
    {
        StripeEvent stripeEvent;
        lock (_gate) stripeEvent = _events.TryGetValue(id, out var found) ? found : throw StripeErrorException.Missing("event", id);
        webhooks.Enqueue(stripeEvent);
    }

    private JsonObject ConfirmLocked(PaymentIntent intent, string? paymentMethod, string? returnUrl, RequestContext context, Func<PaymentIntent, string> threeDSecureUrl)
    {
        if (intent.Status is not ("requires_payment_method" or "requires_confirmation"))
            throw StripeErrorException.UnexpectedState(
                $"This PaymentIntent's payment_method could not be updated because it has a status of {intent.Status}. You may only update the payment_method of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.",
                intent.ToJson());
        if (paymentMethod is not null) intent.PaymentMethodId = ResolvePaymentMethod(paymentMethod).Id;
        if (intent.PaymentMethodId is null)
            throw StripeErrorException.InvalidRequest(
                "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a PaymentMethod, update it with a payment_method or pass payment_method on confirm.",
                "payment_method", "payment_intent_unexpected_state", executed: true);
        if (returnUrl is not null) intent.ReturnUrl = returnUrl;

        var card = _methods[intent.PaymentMethodId];
        intent.LastPaymentError = null;
        switch (TestCards.OutcomeOf(card.Number))
        {
            case CardOutcome.RequiresAuthentication:
                intent.Status = "requires_action";
                intent.NextAction = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["return_url"] = intent.ReturnUrl, ["url"] = threeDSecureUrl(intent) },
                };
                Raise("payment_intent.requires_action", intent.ApiVersion, intent.ToJson(), context);
                return intent.ToJson();
            case CardOutcome.Declined:
                var decline = TestCards.DeclineOf(card.Number)!;
                var chargeId = StripeIds.New("ch");
                intent.Status = "requires_payment_method";
                intent.LatestChargeId = chargeId;
                intent.LastPaymentError = new JsonObject
                {
                    ["charge"] = chargeId,
                    ["code"] = decline.Code,
                    ["decline_code"] = decline.DeclineCode,
                    ["doc_url"] = $"https://stripe.com/docs/error-codes/{decline.Code.Replace('_', '-')}",
                    ["message"] = decline.Message,
                    ["payment_method"] = card.ToJson(),
                    ["type"] = "card_error",
                };
                Raise("payment_intent.payment_failed", intent.ApiVersion, intent.ToJson(), context);
                throw StripeErrorException.Card(intent.LastPaymentError, intent.ToJson());
            default:
                Succeed(intent, context);
                return intent.ToJson();
        }
    }

    private void Succeed(PaymentIntent intent, RequestContext context)
    {
        intent.Status = "succeeded";
        intent.AmountReceived = intent.Amount;
        intent.LatestChargeId = StripeIds.New("ch");
        intent.LastPaymentError = null;
        intent.ChargedCardOutcome = TestCards.OutcomeOf(_methods[intent.PaymentMethodId!].Number);
        Raise("payment_intent.succeeded", intent.ApiVersion, intent.ToJson(), context);
    }

    private async Task FailRefundLaterAsync(string refundId, string apiVersion)
    {
        await Task.Delay(options.Value.RefundFailureDelay, clock);
        lock (_gate)
        {
            var refund = _refunds[refundId];
            refund.Status = "failed";
            refund.FailureReason = "expired_or_canceled_card";
            _intents[refund.PaymentIntentId].AmountRefunded -= refund.Amount;
            var context = new RequestContext(null, null, apiVersion);
            Raise("refund.updated", apiVersion, refund.ToJson(), context);
            Raise("refund.failed", apiVersion, refund.ToJson(), context);
        }
    }

    /// <summary>A stored PaymentMethod, or a fresh one from a test id (<c>pm_card_visa</c>), as Stripe clones those per use.</summary>
    private PaymentMethod ResolvePaymentMethod(string id)
    {
        if (_methods.TryGetValue(id, out var method)) return method;
        if (!TestCards.PaymentMethods.TryGetValue(id, out var number)) throw StripeErrorException.Missing("PaymentMethod", id, "payment_method");
        method = new PaymentMethod { Id = StripeIds.New("pm"), Number = number, Created = Now };
        _methods[method.Id] = method;
        return method;
    }

    private PaymentIntent Intent(string id) => _intents.TryGetValue(id, out var intent) ? intent : throw StripeErrorException.Missing("payment_intent", id, "intent");

    private void Raise(string type, string apiVersion, JsonObject snapshot, RequestContext context)
    {
        var stripeEvent = new StripeEvent
        {
            Id = StripeIds.New("evt"),
            Type = type,
            Created = Now,
            ApiVersion = apiVersion,
            Object = snapshot,
            RequestId = context.RequestId,
            IdempotencyKey = context.IdempotencyKey,
            PendingWebhooks = webhooks.EndpointCount,
        };
        _events[stripeEvent.Id] = stripeEvent;
        webhooks.Enqueue(stripeEvent);
    }
}

/// <summary>The parameters of <c>POST /v1/payment_intents</c> the sandbox acts on.</summary>
public sealed record PaymentIntentRequest(
    long Amount,
    string Currency,
    bool AutomaticPaymentMethods,
    List<string> PaymentMethodTypes,
    Dictionary<string, string> Metadata,
    string? Description,
    string? PaymentMethod,
    bool Confirm,
    string? ReturnUrl);
