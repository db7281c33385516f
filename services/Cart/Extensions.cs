using Dapr.Client;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Cart.Promotions;
using SpaceOfSport.Cart.Shipping;
using SpaceOfSport.Cart.Tax;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;

namespace SpaceOfSport.Cart;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddGrpc();
        services.AddOpenApi();
        builder.AddJwtAuthentication();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<CartOptions>().Bind(builder.Configuration.GetSection(CartOptions.Section));
        // Catalog over Dapr service invocation (HTTP), inventory over Dapr's gRPC proxying: never a hard-coded address.
        var configuration = builder.Configuration;
        services.AddHttpClient(nameof(CatalogClient), client =>
        {
            client.BaseAddress = new Uri($"http://{CatalogClient.AppId}");
            client.Timeout = TimeSpan.FromSeconds(5);
            if (DaprSidecar.ApiToken(configuration) is { } token) client.DefaultRequestHeaders.Add(DaprSidecar.ApiTokenHeader, token);
        }).AddHttpMessageHandler(() => new InvocationHandler { DaprEndpoint = DaprSidecar.HttpEndpoint(configuration).ToString() });
        // One instance, so its cache is shared by every request.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CatalogClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CatalogClient))));
        services.AddSingleton(_ => new InventoryClient(DaprClient.CreateInvocationInvoker(
            AvailabilityClient.AppId, DaprSidecar.GrpcEndpoint(configuration).ToString(), DaprSidecar.ApiToken(configuration))));
        services.AddSingleton<AvailabilityClient>();

        services.AddSingleton<TaxCalculator>();
        services.AddSingleton<ShippingQuoter>();
        services.AddSingleton<PromotionStore>();
        services.AddSingleton<CartStore>();
        services.AddSingleton<CartPricer>();
        services.AddSingleton<CartService>();
        services.AddSingleton<AbandonmentSweep>();
    }
}
