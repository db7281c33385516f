using SpaceOfSport.Contracts.Payments.V1;
using SpaceOfSport.Payments.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Payments.Tests.Payments;

/// <summary>The same payment, refund and verification on each database provider (migrations, unique indexes, concurrency token).</summary>
public sealed class DatabaseProviderTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_payment_and_its_refund_are_stored_on(string provider)
    {
        await using var host = await PaymentsHost.StartAsync(provider);
        var orderId = Guid.CreateVersion7();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.CreatePaymentAsync(orderId, 8_000)));
        answers.Select(a => a.GetProperty("paymentIntentId").GetString()).Distinct().Should().ContainSingle();
        await host.ConfirmAsync(answers[0], "pm_card_visa");
        await host.WaitForStatusAsync(orderId, "succeeded");

        (await host.RefundAsync(orderId, 3_000, "r-1")).EnsureSuccessStatusCode();

        var verified = await host.Verification.VerifyPaymentAsync(new VerifyPaymentRequest { OrderId = orderId.ToString() });
        verified.AmountReceived.Should().Be(8_000);
        verified.AmountRefunded.Should().Be(3_000);
    }
}
