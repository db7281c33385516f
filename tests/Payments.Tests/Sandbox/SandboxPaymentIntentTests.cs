using System.Net;
using SpaceOfSport.TestSupport;
using Stripe;

namespace SpaceOfSport.Payments.Tests.Sandbox;

/// <summary>The sandbox through Stripe.net, as payments calls it: PaymentIntents, test cards, 3-D Secure, cancel, refunds, idempotency.</summary>
public sealed class SandboxPaymentIntentTests : IDisposable
{
    private readonly SandboxHost _sandbox = SandboxHost.Start();
    private readonly StripeClient _stripe;

    public SandboxPaymentIntentTests() => _stripe = _sandbox.CreateStripeClient();

    public void Dispose() => _sandbox.Dispose();

    private Task<PaymentIntent> CreateAsync(long amount = 4_999, RequestOptions? request = null) =>
        _stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = amount,
            Currency = "eur",
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            Metadata = new Dictionary<string, string> { ["order_id"] = "order-1" },
        }, request);

    [Fact]
    public async Task The_visa_test_card_succeeds_and_the_whole_amount_is_received()
    {
        var created = await CreateAsync();
        created.Status.Should().Be("requires_payment_method");
        created.ClientSecret.Should().StartWith(created.Id + "_secret_");
        created.AutomaticPaymentMethods.Enabled.Should().BeTrue();
        created.Metadata.Should().Contain("order_id", "order-1");

        var confirmed = await _stripe.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        confirmed.Status.Should().Be("succeeded");
        confirmed.AmountReceived.Should().Be(4_999);
        confirmed.LatestChargeId.Should().StartWith("ch_");
        (await _stripe.V1.PaymentIntents.GetAsync(created.Id)).Status.Should().Be("succeeded");
    }

    public static TheoryData<string, string, string> DeclinedCards => new()
    {
        { "4000000000000002", "card_declined", "generic_decline" },
        { "4000000000009995", "card_declined", "insufficient_funds" },
        { "4000000000009987", "card_declined", "lost_card" },
        { "4000000000009979", "card_declined", "stolen_card" },
        { "4000000000000069", "expired_card", "expired_card" },
        { "4000000000000127", "incorrect_cvc", "incorrect_cvc" },
    };

    [Theory]
    [MemberData(nameof(DeclinedCards))]
    public async Task A_declined_test_card_is_a_402_card_error_and_the_intent_waits_for_another_method(string number, string code, string declineCode)
    {
        var created = await CreateAsync();
        var card = await _stripe.V1.PaymentMethods.CreateAsync(new PaymentMethodCreateOptions
        {
            Type = "card",
            Card = new PaymentMethodCardOptions { Number = number, ExpMonth = 12, ExpYear = 2034, Cvc = "123" },
        });

        var decline = await FluentActions.Awaiting(() => _stripe.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = card.Id }))
            .Should().ThrowAsync<StripeException>();

        decline.Which.HttpStatusCode.Should().Be(HttpStatusCode.PaymentRequired);
        decline.Which.StripeError.Type.Should().Be("card_error");
        decline.Which.StripeError.Code.Should().Be(code);
        decline.Which.StripeError.DeclineCode.Should().Be(declineCode);
        decline.Which.StripeError.PaymentIntent.Id.Should().Be(created.Id);
        var after = await _stripe.V1.PaymentIntents.GetAsync(created.Id);
        after.Status.Should().Be("requires_payment_method");
        after.LastPaymentError.DeclineCode.Should().Be(declineCode);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    public async Task Stripe_test_payment_method_ids_decline_as_documented(string paymentMethod, string declineCode)
    {
        var created = await CreateAsync();

        var decline = await FluentActions.Awaiting(() => _stripe.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = paymentMethod }))
            .Should().ThrowAsync<StripeException>();

        decline.Which.StripeError.DeclineCode.Should().Be(declineCode);
    }

    [Fact]
    public async Task A_card_number_failing_the_luhn_check_is_incorrect_number()
    {
        var error = await FluentActions.Awaiting(() => _stripe.V1.PaymentMethods.CreateAsync(new PaymentMethodCreateOptions
        {
            Type = "card",
            Card = new PaymentMethodCardOptions { Number = "4242424242424241", ExpMonth = 12, ExpYear = 2034 },
        })).Should().ThrowAsync<StripeException>();

        error.Which.StripeError.Code.Should().Be("incorrect_number");
    }

    [Theory]
    [InlineData("complete", "succeeded")]
    [InlineData("fail", "requires_payment_method")]
    public async Task The_3DS_card_requires_action_until_the_challenge_is_answered(string outcome, string status)
    {
        var created = await CreateAsync();

        var confirmed = await _stripe.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_authenticationRequiredOnSetup" });

        confirmed.Status.Should().Be("requires_action");
        confirmed.NextAction.Type.Should().Be("redirect_to_url");
        var challenge = new Uri(confirmed.NextAction.RedirectToUrl.Url);
        using var http = _sandbox.CreateHttpClient();
        (await http.GetStringAsync(challenge.PathAndQuery)).Should().Contain("Complete authentication");
        using var answer = await http.PostAsync(challenge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = created.ClientSecret,
            ["outcome"] = outcome,
        }));
        answer.StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await _stripe.V1.PaymentIntents.GetAsync(created.Id);
        after.Status.Should().Be(status);
        if (outcome == "fail") after.LastPaymentError.Code.Should().Be("payment_intent_authentication_failure");
    }

    [Fact]
    public async Task An_intent_is_canceled_once_and_a_succeeded_one_cannot_be()
    {
        var open = await CreateAsync();
        var canceled = await _stripe.V1.PaymentIntents.CancelAsync(open.Id, new PaymentIntentCancelOptions { CancellationReason = "requested_by_customer" });
        canceled.Status.Should().Be("canceled");
        canceled.CancellationReason.Should().Be("requested_by_customer");

        var paid = await CreateAsync();
        await _stripe.V1.PaymentIntents.ConfirmAsync(paid.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        var refused = await FluentActions.Awaiting(() => _stripe.V1.PaymentIntents.CancelAsync(paid.Id))
            .Should().ThrowAsync<StripeException>();
        refused.Which.HttpStatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Which.StripeError.Code.Should().Be("payment_intent_unexpected_state");
    }

    [Fact]
    public async Task Partial_refunds_add_up_to_the_charge_and_never_beyond()
    {
        var paid = await CreateAsync(10_000);
        await _stripe.V1.PaymentIntents.ConfirmAsync(paid.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        var partial = await _stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id, Amount = 3_000 });
        partial.Status.Should().Be("succeeded");
        partial.Amount.Should().Be(3_000);
        partial.PaymentIntentId.Should().Be(paid.Id);

        var tooMuch = await FluentActions.Awaiting(() => _stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id, Amount = 7_001 }))
            .Should().ThrowAsync<StripeException>();
        tooMuch.Which.StripeError.Param.Should().Be("amount");

        var rest = await _stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id });
        rest.Amount.Should().Be(7_000);
        (await _stripe.V1.Refunds.GetAsync(rest.Id)).Status.Should().Be("succeeded");
        var again = await FluentActions.Awaiting(() => _stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id }))
            .Should().ThrowAsync<StripeException>();
        again.Which.StripeError.Code.Should().Be("charge_already_refunded");
    }

    [Fact]
    public async Task The_same_idempotency_key_and_parameters_replay_the_first_answer()
    {
        var key = new RequestOptions { IdempotencyKey = "order-42:create" };

        var first = await CreateAsync(request: key);
        var second = await CreateAsync(request: key);

        second.Id.Should().Be(first.Id);
        second.StripeResponse.Headers.Should().Contain(h => h.Key == "Idempotent-Replayed");
        (await _stripe.V1.PaymentIntents.ListAsync(new PaymentIntentListOptions { Limit = 100 })).Data.Count(i => i.Id == first.Id).Should().Be(1);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_other_parameters_is_an_idempotency_error()
    {
        var key = new RequestOptions { IdempotencyKey = "order-43:create" };
        await CreateAsync(1_000, key);

        var reuse = await FluentActions.Awaiting(() => CreateAsync(2_000, key)).Should().ThrowAsync<StripeException>();

        reuse.Which.HttpStatusCode.Should().Be(HttpStatusCode.BadRequest);
        reuse.Which.StripeError.Type.Should().Be("idempotency_error");
    }

    [Fact]
    public async Task A_declined_confirmation_replays_the_same_decline_for_its_key()
    {
        var created = await CreateAsync();
        var key = new RequestOptions { IdempotencyKey = "confirm-declined" };
        var confirm = new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_chargeDeclined" };

        var first = await FluentActions.Awaiting(() => _stripe.V1.PaymentIntents.ConfirmAsync(created.Id, confirm, key)).Should().ThrowAsync<StripeException>();
        var replay = await FluentActions.Awaiting(() => _stripe.V1.PaymentIntents.ConfirmAsync(created.Id, confirm, key)).Should().ThrowAsync<StripeException>();

        replay.Which.StripeError.DeclineCode.Should().Be(first.Which.StripeError.DeclineCode);
        replay.Which.StripeError.Charge.Should().Be(first.Which.StripeError.Charge);
    }

    [Fact]
    public async Task Unknown_objects_parameters_and_missing_keys_get_Stripe_errors()
    {
        var missing = await FluentActions.Awaiting(() => _stripe.V1.PaymentIntents.GetAsync("pi_doesnotexist")).Should().ThrowAsync<StripeException>();
        missing.Which.HttpStatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Which.StripeError.Code.Should().Be("resource_missing");

        var noAmount = await FluentActions.Awaiting(() => _stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Currency = "eur" }))
            .Should().ThrowAsync<StripeException>();
        noAmount.Which.StripeError.Code.Should().Be("parameter_missing");
        noAmount.Which.StripeError.Param.Should().Be("amount");

        using var http = _sandbox.CreateHttpClient();
        using var anonymous = await http.GetAsync("/v1/payment_intents");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
