using Dapr.Client;
using Microsoft.Extensions.Options;
using SpaceOfSport.Analytics.Collection;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;
using SpaceOfSport.Analytics.GraphQL;
using SpaceOfSport.Analytics.Products;
using SpaceOfSport.Analytics.Retention;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.BuildingBlocks.Webhooks;

namespace SpaceOfSport.Analytics;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOpenApi();
        builder.AddJwtAuthentication();
        services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<AnalyticsDbContext, SqliteAnalyticsDbContext, PostgresAnalyticsDbContext>("analytics");
        services.AddOptions<CollectionOptions>().BindConfiguration(CollectionOptions.Section);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);

        services.AddSingleton(provider => new StandardWebhookVerifier(
            provider.GetRequiredService<DaprClient>(), provider.GetRequiredService<TimeProvider>(), CollectionOptions.SecretName,
            provider.GetRequiredService<IOptions<CollectionOptions>>().Value.SecretRefresh, maxMessageIdLength: 256));
        services.AddScoped<EventRecorder>();
        // The catalog through the sidecar (service invocation), with the Dapr API token when the sidecar wants one.
        services.AddHttpClient<CatalogFactsReader>(client =>
        {
            client.BaseAddress = new Uri($"http://{CatalogFactsReader.CatalogAppId}/");
            client.Timeout = TimeSpan.FromSeconds(10);
            if (DaprSidecar.ApiToken(builder.Configuration) is { } token) client.DefaultRequestHeaders.Add(DaprSidecar.ApiTokenHeader, token);
        }).AddHttpMessageHandler(() => new InvocationHandler { DaprEndpoint = DaprSidecar.HttpEndpoint(builder.Configuration).ToString() });
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionSweep>());
        builder.AddAnalyticsGraphQL();
    }
}
