using Microsoft.Extensions.Options;

namespace StripeSandbox.Api;

/// <summary>The subset of Stripe's REST API (https://docs.stripe.com/api) payments uses, under <c>/v1</c>.</summary>
public static class StripeApi
{
    public static WebApplication MapStripeApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter<StripeRequestFilter>().DisableAntiforgery();

        v1.MapPost("/payment_intents", CreatePaymentIntent).WithName("CreatePaymentIntent").WithSummary("Creates a PaymentIntent, and confirms it when confirm=true.");
        v1.MapGet("/payment_intents", ListPaymentIntents).WithName("ListPaymentIntents").WithSummary("PaymentIntents, newest first.");
        v1.MapGet("/payment_intents/{id}", GetPaymentIntent).WithName("GetPaymentIntent").WithSummary("One PaymentIntent.");
        v1.MapPost("/payment_intents/{id}/confirm", ConfirmPaymentIntent).WithName("ConfirmPaymentIntent").WithSummary("Charges the PaymentIntent's payment method: the test card decides the outcome.");
        v1.MapPost("/payment_intents/{id}/cancel", CancelPaymentIntent).WithName("CancelPaymentIntent").WithSummary("Cancels a PaymentIntent that has not succeeded.");
        v1.MapPost("/payment_methods", CreatePaymentMethod).WithName("CreatePaymentMethod").WithSummary("A card PaymentMethod from a (test) card number.");
        v1.MapPost("/refunds", CreateRefund).WithName("CreateRefund").WithSummary("Refunds all or part of a succeeded PaymentIntent.");
        v1.MapGet("/refunds/{id}", GetRefund).WithName("GetRefund").WithSummary("One refund.");
        v1.MapGet("/events", ListEvents).WithName("ListEvents").WithSummary("Events, newest first.");
        v1.MapGet("/events/{id}", GetEvent).WithName("GetEvent").WithSummary("One event, as its webhooks carried it.");
        return app;
    }

    public static async Task<StripeJson> CreatePaymentIntent(HttpContext http, SandboxAccount account, IOptions<SandboxOptions> options)
    {
        var form = await StripeForm.ReadAsync(http.Request,
            "amount", "currency", "automatic_payment_methods", "payment_method_types", "metadata", "description", "payment_method", "confirm", "return_url",
            "capture_method", "receipt_email", "statement_descriptor_suffix");
        if (form.String("capture_method") is { } capture && capture is not ("automatic" or "automatic_async"))
            throw StripeErrorException.InvalidRequest("The sandbox supports capture_method automatic only.", "capture_method", "parameter_invalid_string");
        var request = new PaymentIntentRequest(
            form.Long("amount") ?? throw StripeErrorException.InvalidRequest("Missing required param: amount.", "amount", "parameter_missing"),
            form.Required("currency"),
            form.Bool("automatic_payment_methods[enabled]") ?? false,
            form.List("payment_method_types"),
            form.Hash("metadata"),
            form.String("description"),
            form.String("payment_method"),
            form.Bool("confirm") ?? false,
            form.String("return_url"));
        return StripeJson.Ok(account.CreatePaymentIntent(request, StripeRequestFilter.Context(http), HostedPages.HostedPagesApi.ThreeDSecureUrl(http, options.Value)));
    }

    public static async Task<StripeJson> ListPaymentIntents(HttpContext http, SandboxAccount account)
    {
        var form = await StripeForm.ReadAsync(http.Request, "limit", "starting_after");
        var limit = (int)Math.Clamp(form.Long("limit") ?? 10, 1, 100);
        return StripeJson.Ok(account.ListPaymentIntents(limit, form.String("starting_after")));
    }

    public static async Task<StripeJson> GetPaymentIntent(string id, HttpContext http, SandboxAccount account)
    {
        await StripeForm.ReadAsync(http.Request, "client_secret");
        return StripeJson.Ok(account.GetPaymentIntent(id));
    }

    public static async Task<StripeJson> ConfirmPaymentIntent(string id, HttpContext http, SandboxAccount account, IOptions<SandboxOptions> options)
    {
        var form = await StripeForm.ReadAsync(http.Request, "payment_method", "return_url", "receipt_email", "client_secret");
        return StripeJson.Ok(account.ConfirmPaymentIntent(id, form.String("payment_method"), form.String("return_url"),
            StripeRequestFilter.Context(http), HostedPages.HostedPagesApi.ThreeDSecureUrl(http, options.Value)));
    }

    public static async Task<StripeJson> CancelPaymentIntent(string id, HttpContext http, SandboxAccount account)
    {
        var form = await StripeForm.ReadAsync(http.Request, "cancellation_reason");
        return StripeJson.Ok(account.CancelPaymentIntent(id, form.String("cancellation_reason"), StripeRequestFilter.Context(http)));
    }

    public static async Task<StripeJson> CreatePaymentMethod(HttpContext http, SandboxAccount account)
    {
        var form = await StripeForm.ReadAsync(http.Request, "type", "card", "billing_details", "metadata");
        if (form.Required("type") != "card")
            throw StripeErrorException.InvalidRequest("The sandbox supports PaymentMethods of type card only.", "type", "parameter_invalid_string");
        return StripeJson.Ok(account.CreatePaymentMethod(form.Required("card[number]"), form.Long("card[exp_month]"), form.Long("card[exp_year]"), form.Hash("metadata")));
    }

    public static async Task<StripeJson> CreateRefund(HttpContext http, SandboxAccount account)
    {
        var form = await StripeForm.ReadAsync(http.Request, "payment_intent", "amount", "reason", "metadata");
        return StripeJson.Ok(account.CreateRefund(form.Required("payment_intent"), form.Long("amount"), form.String("reason"), form.Hash("metadata"), StripeRequestFilter.Context(http)));
    }

    public static async Task<StripeJson> GetRefund(string id, HttpContext http, SandboxAccount account)
    {
        await StripeForm.ReadAsync(http.Request);
        return StripeJson.Ok(account.GetRefund(id));
    }

    public static async Task<StripeJson> ListEvents(HttpContext http, SandboxAccount account)
    {
        var form = await StripeForm.ReadAsync(http.Request, "limit", "type");
        return StripeJson.Ok(account.ListEvents((int)Math.Clamp(form.Long("limit") ?? 10, 1, 100), form.String("type")));
    }

    public static async Task<StripeJson> GetEvent(string id, HttpContext http, SandboxAccount account)
    {
        await StripeForm.ReadAsync(http.Request);
        return StripeJson.Ok(account.GetEvent(id));
    }
}
