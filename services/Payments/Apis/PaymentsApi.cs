using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Payments;
using SpaceOfSport.Payments.Refunds;
using SpaceOfSport.Payments.Stripe;
using StripeException = Stripe.StripeException;

namespace SpaceOfSport.Payments.Apis;

/// <summary>
/// <c>/api/payments</c>: internal, called by ordering through Dapr service invocation (the app API token guards every
/// path, only ordering's calls are let in, and the gateway does not route here). Customers see their payment's status
/// through ordering only.
/// </summary>
public static class PaymentsApi
{
    /// <summary>The only app that may call <c>/api/payments</c>: the one that places and pays orders.</summary>
    public const string CallerAppId = "ordering";

    public static WebApplication MapPaymentsApi(this WebApplication app)
    {
        var payments = app.MapGroup("/api/payments").WithTags("Payments").RequireCallerApp(CallerAppId);
        payments.MapPost("/", CreatePayment).WithName("CreatePayment")
            .WithSummary("The order's PaymentIntent: created on the first call, the same one on every later call (never two charges).");
        payments.MapGet("/{orderId:guid}", GetPayment).WithName("GetPayment").WithSummary("The order's payment as Stripe last reported it, with its refunds.");
        payments.MapPost("/{orderId:guid}/cancel", CancelPayment).WithName("CancelPayment").WithSummary("Cancels the order's payment unless it succeeded.");
        payments.MapPost("/{orderId:guid}/refunds", RefundPayment).WithName("RefundPayment")
            .WithSummary("Refunds all or part of what was paid (Idempotency-Key header: the same key is the same refund).");
        return app;
    }

    public static async Task<Results<Created<PaymentResponse>, Ok<PaymentResponse>, ValidationProblem, Conflict<PaymentResponse>, BusyProblem>> CreatePayment(
        CreatePaymentRequest request, PaymentService payments, StripeAccount stripe, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        try
        {
            var (outcome, payment) = await payments.CreateAsync(request, cancellationToken);
            var response = PaymentResponse.From(payment, [], await PaymentPageUrlAsync(stripe, payment, request.ReturnUrl, cancellationToken));
            return outcome switch
            {
                CreateOutcome.Created => TypedResults.Created($"/api/payments/{payment.OrderId}", response),
                CreateOutcome.Existing => TypedResults.Ok(response),
                _ => TypedResults.Conflict(response),
            };
        }
        catch (Exception exception) when (exception is StripeException or HttpRequestException)
        {
            return StripeUnavailable(exception);
        }
    }

    public static async Task<Results<Ok<PaymentResponse>, NotFoundProblem>> GetPayment(
        Guid orderId, PaymentsDbContext db, StripeAccount stripe, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        if (payment is null) return NoPayment(orderId);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(PaymentResponse.From(payment, refunds, await PaymentPageUrlAsync(stripe, payment, null, cancellationToken)));
    }

    public static async Task<Results<Ok<PaymentResponse>, NotFoundProblem, BusinessRuleProblem, BusyProblem>> CancelPayment(
        Guid orderId, PaymentService payments, CancellationToken cancellationToken)
    {
        try
        {
            var (outcome, payment) = await payments.CancelAsync(orderId, cancellationToken);
            return outcome switch
            {
                CancelOutcome.NotFound => NoPayment(orderId),
                CancelOutcome.AlreadySucceeded => new BusinessRuleProblem("The payment succeeded", "A paid order is refunded, not canceled."),
                _ => TypedResults.Ok(PaymentResponse.From(payment!, [], null)),
            };
        }
        catch (Exception exception) when (exception is StripeException or HttpRequestException)
        {
            return StripeUnavailable(exception);
        }
    }

    public static async Task<Results<Created<RefundResponse>, Ok<RefundResponse>, ValidationProblem, NotFoundProblem, BusinessRuleProblem, BusyProblem>> RefundPayment(
        Guid orderId, RefundRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpRequest http,
        PaymentRefunds refunds, CancellationToken cancellationToken)
    {
        if (request.Validate(idempotencyKey) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        var actor = http.Headers["dapr-caller-app-id"] is { Count: > 0 } caller ? caller.ToString() : "internal";
        try
        {
            var (outcome, refund, payment) = await refunds.RefundAsync(orderId, request, idempotencyKey!, actor, cancellationToken);
            return outcome switch
            {
                RefundOutcome.NotFound => NoPayment(orderId),
                RefundOutcome.NotPaid => new BusinessRuleProblem("Nothing was paid", $"The payment is {payment!.Status}: only a succeeded payment can be refunded."),
                RefundOutcome.AboveRefundable => new BusinessRuleProblem("Refund above what was paid",
                    $"At most {payment!.Refundable} {payment.Currency} can still be refunded ({payment.AmountReceived} paid, {payment.AmountRefunded} refunded).",
                    new Dictionary<string, object?> { ["refundable"] = payment.Refundable }),
                RefundOutcome.Existing => TypedResults.Ok(RefundResponse.From(refund!)),
                _ => TypedResults.Created($"/api/payments/{orderId}", RefundResponse.From(refund!)),
            };
        }
        catch (Exception exception) when (exception is StripeException or HttpRequestException)
        {
            return StripeUnavailable(exception);
        }
    }

    /// <summary>In sandbox mode the sandbox's hosted card page; with real Stripe none (the storefront uses Stripe Elements).</summary>
    private static async Task<string?> PaymentPageUrlAsync(StripeAccount stripe, Payment payment, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!await stripe.IsSandboxAsync(cancellationToken)) return null;
        var url = $"{stripe.SandboxUrl.ToString().TrimEnd('/')}/sandbox/checkout/{payment.PaymentIntentId}?client_secret={Uri.EscapeDataString(payment.ClientSecret)}";
        return returnUrl is null ? url : $"{url}&return_url={Uri.EscapeDataString(returnUrl)}";
    }

    private static NotFoundProblem NoPayment(Guid orderId) => new($"Order {orderId} has no payment.");

    /// <summary>Stripe refused or could not be reached: a 503 the caller may retry (the idempotency keys make retries safe).</summary>
    private static BusyProblem StripeUnavailable(Exception exception) =>
        new($"The payment provider did not complete the request: {(exception as StripeException)?.StripeError?.Message ?? exception.Message}", retryAfterSeconds: 5);
}
