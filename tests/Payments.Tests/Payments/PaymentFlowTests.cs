using System.Net;
using System.Text.Json;
using Grpc.Core;
using SpaceOfSport.Contracts.Events.Payments;
using SpaceOfSport.Contracts.Payments.V1;
using SpaceOfSport.Payments.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using Stripe;

namespace SpaceOfSport.Payments.Tests.Payments;

/// <summary>
/// Payments over real HTTP and gRPC beside a local sidecar, with Stripe.net on the sandbox: the customer confirms in
/// the "browser" (Stripe.net on the sandbox), payments learns the outcome from signed webhooks through its sidecar.
/// </summary>
public sealed class PaymentFlowTests(PaymentsFixture fixture) : IClassFixture<PaymentsFixture>
{
    private PaymentsHost Host => fixture.Host;

    [Fact]
    public async Task A_paid_order_is_succeeded_announced_and_verifiable()
    {
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId, 12_345);
        created.GetProperty("status").GetString().Should().Be("requires_payment_method");
        created.GetProperty("clientSecret").GetString().Should().StartWith(created.GetProperty("paymentIntentId").GetString());
        created.GetProperty("paymentPageUrl").GetString().Should().StartWith(Host.Sandbox.Address + "sandbox/checkout/");
        var intent = await Host.Stripe.V1.PaymentIntents.GetAsync(created.GetProperty("paymentIntentId").GetString());
        intent.Metadata.Should().Contain("order_id", orderId.ToString());
        intent.AutomaticPaymentMethods.Enabled.Should().BeTrue();

        await Host.ConfirmAsync(created, "pm_card_visa");

        var paid = await Host.WaitForStatusAsync(orderId, "succeeded");
        paid.GetProperty("amountReceived").GetInt64().Should().Be(12_345);
        var announced = await Host.Events.WaitForAsync("spaceofsport.payments.payment-succeeded.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
        announced.Data.GetProperty("amount").GetInt64().Should().Be(12_345);
        var verified = await Host.Verification.VerifyPaymentAsync(new VerifyPaymentRequest { OrderId = orderId.ToString() });
        verified.Status.Should().Be("succeeded");
        verified.Amount.Should().Be(12_345);
        verified.Currency.Should().Be("eur");
        verified.AmountReceived.Should().Be(12_345);
        verified.LastUpdate.ToDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclinedLostCard", "lost_card")]
    public async Task A_declined_card_is_announced_with_its_decline_code(string card, string declineCode)
    {
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);

        await FluentActions.Awaiting(() => Host.ConfirmAsync(created, card)).Should().ThrowAsync<StripeException>();

        var failed = await Host.Events.WaitForAsync("spaceofsport.payments.payment-failed.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
        failed.Data.GetProperty("declineCode").GetString().Should().Be(declineCode);
        failed.Data.GetProperty("code").GetString().Should().Be("card_declined");
        var payment = await Host.GetPaymentAsync(orderId);
        payment.GetProperty("status").GetString().Should().Be("requires_payment_method");
        payment.GetProperty("declineCode").GetString().Should().Be(declineCode);
    }

    [Fact]
    public async Task Three_D_Secure_requires_action_then_succeeds()
    {
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);
        var intent = await Host.ConfirmAsync(created, "pm_card_authenticationRequiredOnSetup");

        var action = await Host.Events.WaitForAsync("spaceofsport.payments.payment-requires-action.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
        action.Data.GetProperty("actionUrl").GetString().Should().Be(intent.NextAction.RedirectToUrl.Url);
        await AnswerChallengeAsync(created, "complete");

        await Host.WaitForStatusAsync(orderId, "succeeded");
        await Host.Events.WaitForAsync("spaceofsport.payments.payment-succeeded.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
    }

    [Fact]
    public async Task Three_D_Secure_failed_is_announced_and_a_second_card_then_pays()
    {
        var orderId = Guid.CreateVersion7();
        var created = await Host.CreatePaymentAsync(orderId);
        await Host.ConfirmAsync(created, "pm_card_authenticationRequiredOnSetup");
        await Host.WaitForStatusAsync(orderId, "requires_action");

        await AnswerChallengeAsync(created, "fail");

        var failed = await Host.Events.WaitForAsync("spaceofsport.payments.payment-failed.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
        failed.Data.GetProperty("code").GetString().Should().Be("payment_intent_authentication_failure");
        await Host.ConfirmAsync(created, "pm_card_visa");
        await Host.WaitForStatusAsync(orderId, "succeeded");
    }

    [Fact]
    public async Task An_unpaid_payment_is_canceled_and_a_paid_one_cannot_be()
    {
        var open = Guid.CreateVersion7();
        await Host.CreatePaymentAsync(open);
        using var canceled = await Host.Http.PostAsync($"/api/payments/{open}/cancel", null);
        canceled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await canceled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("canceled");

        var paid = Guid.CreateVersion7();
        await Host.ConfirmAsync(await Host.CreatePaymentAsync(paid), "pm_card_visa");
        await Host.WaitForStatusAsync(paid, "succeeded");
        using var refused = await Host.Http.PostAsync($"/api/payments/{paid}/cancel", null);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_partial_then_a_full_refund_never_exceed_what_was_paid()
    {
        var orderId = Guid.CreateVersion7();
        await Host.ConfirmAsync(await Host.CreatePaymentAsync(orderId, 10_000), "pm_card_visa");
        await Host.WaitForStatusAsync(orderId, "succeeded");

        using var partial = await Host.RefundAsync(orderId, 2_500, "return-1");
        partial.StatusCode.Should().Be(HttpStatusCode.Created);
        using var replay = await Host.RefundAsync(orderId, 2_500, "return-1");
        replay.StatusCode.Should().Be(HttpStatusCode.OK, "the same Idempotency-Key is the same refund");
        (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundId").GetGuid()
            .Should().Be((await partial.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundId").GetGuid());

        using var tooMuch = await Host.RefundAsync(orderId, 7_501, "return-2");
        tooMuch.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await tooMuch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundable").GetInt64().Should().Be(7_500);

        using var rest = await Host.RefundAsync(orderId, null, "return-3");
        rest.StatusCode.Should().Be(HttpStatusCode.Created);
        (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amount").GetInt64().Should().Be(7_500);

        using var nothingLeft = await Host.RefundAsync(orderId, 1, "return-4");
        nothingLeft.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var payment = await Host.GetPaymentAsync(orderId);
        payment.GetProperty("amountRefunded").GetInt64().Should().Be(10_000);
        payment.GetProperty("refunds").GetArrayLength().Should().Be(2);
        await Eventually.UntilAsync(() => Host.EventsOf<RefundSucceeded>(orderId).Count() == 2, "two refund-succeeded events");
        await Task.Delay(500);
        Host.EventsOf<RefundSucceeded>(orderId).Should().HaveCount(2, "the webhooks of both refunds announce nothing twice");
        (await Host.Verification.VerifyPaymentAsync(new VerifyPaymentRequest { OrderId = orderId.ToString() })).AmountRefunded.Should().Be(10_000);
    }

    [Fact]
    public async Task A_refund_that_fails_later_gives_its_amount_back_and_is_announced()
    {
        var orderId = Guid.CreateVersion7();
        await Host.ConfirmAsync(await Host.CreatePaymentAsync(orderId, 5_000), "pm_card_refundFail");
        await Host.WaitForStatusAsync(orderId, "succeeded");

        (await Host.RefundAsync(orderId, 5_000, "return-1")).StatusCode.Should().Be(HttpStatusCode.Created);

        var failed = await Host.Events.WaitForAsync("spaceofsport.payments.refund-failed.v1", e => e.GetProperty("orderId").GetGuid() == orderId);
        failed.Data.GetProperty("failureReason").GetString().Should().Be("expired_or_canceled_card");
        (await Host.GetPaymentAsync(orderId)).GetProperty("amountRefunded").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Twenty_concurrent_creates_for_one_order_make_one_payment_intent()
    {
        var orderId = Guid.CreateVersion7();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Host.CreatePaymentAsync(orderId, 4_200)));

        answers.Select(a => a.GetProperty("paymentIntentId").GetString()).Distinct().Should().ContainSingle();
        var intents = await Host.Stripe.V1.PaymentIntents.ListAsync(new PaymentIntentListOptions { Limit = 100 });
        intents.Data.Count(i => i.Metadata.GetValueOrDefault("order_id") == orderId.ToString()).Should().Be(1);
    }

    [Fact]
    public async Task The_same_order_for_another_amount_is_a_conflict_showing_the_first()
    {
        var orderId = Guid.CreateVersion7();
        await Host.CreatePaymentAsync(orderId, 1_000);

        using var second = await Host.Http.PostAsJsonAsync("/api/payments", new { orderId, amount = 2_000, currency = "eur" });

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amount").GetInt64().Should().Be(1_000);
    }

    [Fact]
    public async Task Bad_input_and_unknown_orders_get_problems()
    {
        using var invalid = await Host.Http.PostAsJsonAsync("/api/payments", new { orderId = Guid.Empty, amount = -5, currency = "euro" });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("orderId", out _).Should().BeTrue();
        errors.TryGetProperty("amount", out _).Should().BeTrue();
        errors.TryGetProperty("currency", out _).Should().BeTrue();

        var unknown = Guid.CreateVersion7();
        (await Host.Http.GetAsync($"/api/payments/{unknown}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Host.Http.PostAsync($"/api/payments/{unknown}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Host.RefundAsync(unknown, 100, "r")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var noKey = await Host.Http.PostAsJsonAsync($"/api/payments/{unknown}/refunds", new { amount = 100 });
        noKey.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var missing = await FluentActions.Awaiting(() => Host.Verification.VerifyPaymentAsync(new VerifyPaymentRequest { OrderId = unknown.ToString() }).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_success_and_problem_answers_of_every_operation()
    {
        var document = await Host.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/payments", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Operation: o.Value)))
            .ToList();
        operations.Should().HaveCount(4);
        foreach (var (path, operation) in operations)
        {
            var codes = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            codes.Should().Contain(c => c.StartsWith('2'), path);
            codes.Should().Contain(c => c.StartsWith('4'), path);
        }
    }

    private async Task AnswerChallengeAsync(JsonElement payment, string outcome)
    {
        using var answer = await Host.SandboxHttp.PostAsync($"/sandbox/3ds/{payment.GetProperty("paymentIntentId").GetString()}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = payment.GetProperty("clientSecret").GetString()!,
            ["outcome"] = outcome,
        }));
        answer.EnsureSuccessStatusCode();
    }
}
