using System.Net;
using SpaceOfSport.BuildingBlocks;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// Payments' internal REST API through Dapr service invocation (app-id payments). Payments keys everything by order id
/// and passes its own idempotency keys to Stripe, so every call here may be repeated: never two PaymentIntents, never a
/// refund twice for the same key. Transient failures throw, for the workflow's retry policy.
/// </summary>
public sealed class PaymentsClient(HttpClient http)
{
    public const string AppId = "payments";

    public async Task<PaymentDetails> CreateAsync(Guid orderId, long amount, string currency, string? returnUrl, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/payments", new { orderId, amount, currency = currency.ToLowerInvariant(), returnUrl },
            JsonConventions.Create(), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK) return await ReadAsync(response, cancellationToken);
        throw new HttpRequestException($"payments answered {(int)response.StatusCode} creating the payment of order {orderId}", null, response.StatusCode);
    }

    /// <summary>Cancels the payment unless it succeeded; <see cref="CancelOutcome.AlreadySucceeded"/> means refund instead.</summary>
    public async Task<CancelOutcome> CancelAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"/api/payments/{orderId}/cancel", null, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => CancelOutcome.Cancelled,
            HttpStatusCode.NotFound => CancelOutcome.NoPayment,
            HttpStatusCode.UnprocessableEntity => CancelOutcome.AlreadySucceeded,
            _ => throw new HttpRequestException($"payments answered {(int)response.StatusCode} cancelling the payment of order {orderId}", null, response.StatusCode),
        };
    }

    /// <summary>Refunds everything still refundable, once per <paramref name="reason"/> (the refund's idempotency key).</summary>
    public async Task<bool> RefundAllAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/{orderId}/refunds") { Content = JsonContent.Create(new { reason = "requested_by_customer" }) };
        request.Headers.Add("Idempotency-Key", $"ordering-{reason}");
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Created or HttpStatusCode.OK => true,
            // Nothing (left) to refund: nothing was paid, or an earlier refund took it all.
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound => false,
            _ => throw new HttpRequestException($"payments answered {(int)response.StatusCode} refunding order {orderId}", null, response.StatusCode),
        };
    }

    /// <summary>
    /// Refunds <paramref name="amount"/> (part of what was paid) once per <paramref name="idempotencyKey"/>: payments'
    /// refund id, or null when there is nothing (left) to refund.
    /// </summary>
    public async Task<Guid?> RefundAsync(Guid orderId, long amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/{orderId}/refunds")
        {
            Content = JsonContent.Create(new { amount, reason = "requested_by_customer" }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Created or HttpStatusCode.OK => (await response.Content.ReadFromJsonAsync<RefundDetails>(JsonConventions.Create(), cancellationToken))?.RefundId,
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound => null,
            _ => throw new HttpRequestException($"payments answered {(int)response.StatusCode} refunding {amount} of order {orderId}", null, response.StatusCode),
        };
    }

    public async Task<PaymentDetails?> GetAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/payments/{orderId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<PaymentDetails> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<PaymentDetails>(JsonConventions.Create(), cancellationToken)
        ?? throw new HttpRequestException("payments answered an empty body");
}

public enum CancelOutcome
{
    Cancelled,
    NoPayment,
    AlreadySucceeded,
}

/// <summary>What ordering reads of payments' refund answer.</summary>
public sealed record RefundDetails(Guid RefundId, long Amount, string Currency, string Status);

/// <summary>What ordering reads of payments' answer.</summary>
public sealed record PaymentDetails(Guid OrderId, string PaymentIntentId, long Amount, string Currency, string Status, long AmountReceived, long AmountRefunded,
    string ClientSecret, string? PaymentPageUrl);
