using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Payments;
using SpaceOfSport.Payments.Refunds;
using SpaceOfSport.Payments.Stripe;
using SpaceOfSport.Payments.Webhooks;

namespace SpaceOfSport.Payments;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddGrpc();
        services.AddOpenApi();
        services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<PaymentsDbContext, SqlitePaymentsDbContext, PostgresPaymentsDbContext>("payments");
        services.AddOutbox<PaymentsDbContext>();

        services.AddOptions<StripeSettings>().BindConfiguration(StripeSettings.Section);
        services.AddHttpClient(StripeAccount.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<StripeAccount>();
        services.AddSingleton<OrderLocks>();
        services.AddSingleton<PaymentSync>();
        services.AddScoped<PaymentService>();
        services.AddScoped<PaymentRefunds>();
        services.AddScoped<StripeWebhookHandler>();
    }
}
