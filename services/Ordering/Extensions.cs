using Dapr.Client;
using Dapr.Workflow;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Ordering.Checkout;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Delivery;
using SpaceOfSport.Ordering.GraphQL;
using SpaceOfSport.Ordering.Orders;
using SpaceOfSport.Ordering.Privacy;
using SpaceOfSport.Ordering.Returns;
using CartCheckoutClient = SpaceOfSport.Contracts.Cart.V1.CartCheckout.CartCheckoutClient;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;
using PromotionsClient = SpaceOfSport.Contracts.Cart.V1.Promotions.PromotionsClient;
using TaxClient = SpaceOfSport.Contracts.Cart.V1.Tax.TaxClient;

namespace SpaceOfSport.Ordering;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddGrpc();
        services.AddOpenApi();
        builder.AddJwtAuthentication();
        services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<OrderingDbContext, SqliteOrderingDbContext, PostgresOrderingDbContext>("ordering");
        services.AddOutbox<OrderingDbContext>();
        services.AddOptions<CheckoutOptions>().BindConfiguration(CheckoutOptions.Section);
        // Other services through Dapr only: HTTP service invocation, and gRPC through the sidecar's proxying.
        AddInvocationClient<CartClient>(services, configuration, CartClient.AppId, TimeSpan.FromSeconds(10));
        AddInvocationClient<CatalogClient>(services, configuration, CatalogClient.AppId, TimeSpan.FromSeconds(10));
        AddInvocationClient<PaymentsClient>(services, configuration, PaymentsClient.AppId, TimeSpan.FromSeconds(40));
        services.AddSingleton(_ => new TaxClient(DaprClient.CreateInvocationInvoker(CartClient.AppId, DaprSidecar.GrpcEndpoint(configuration).ToString(), DaprSidecar.ApiToken(configuration))));
        services.AddSingleton(_ => new InventoryClient(DaprClient.CreateInvocationInvoker(StockClient.AppId, DaprSidecar.GrpcEndpoint(configuration).ToString(), DaprSidecar.ApiToken(configuration))));
        services.AddSingleton<StockClient>();
        services.AddSingleton(_ => new PromotionsClient(DaprClient.CreateInvocationInvoker(CartClient.AppId, DaprSidecar.GrpcEndpoint(configuration).ToString(), DaprSidecar.ApiToken(configuration))));
        services.AddSingleton<PromotionReservations>();
        services.AddSingleton(_ => new CartCheckoutClient(DaprClient.CreateInvocationInvoker(CartClient.AppId, DaprSidecar.GrpcEndpoint(configuration).ToString(), DaprSidecar.ApiToken(configuration))));
        services.AddSingleton<CartLines>();

        services.AddSingleton<OrderLifecycle>();
        services.AddSingleton<OrderNumbers>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<IdempotencyRecords>();
        services.AddScoped<CheckoutPricer>();
        services.AddScoped<OrderPlacement>();
        services.AddScoped<OrderCancellation>();
        services.AddDelivery();
        builder.AddOrderHistoryGraphQL();
        services.AddPrivacy();
        services.AddReturns();

        services.AddSingleton<CheckoutHold>();
        services.AddSingleton<CheckoutStarter>();
        services.AddHostedService<PendingCheckoutSweep>();
        // Dapr.Workflow 1.19's source generator registers every Workflow and WorkflowActivity of this assembly (a module
        // initializer feeding WorkflowAutoRegistry): registering them here as well made the SDK warn "already registered".
        services.AddDaprWorkflow();
    }

    /// <summary>A typed HttpClient whose requests go to app <paramref name="appId"/> through the sidecar.</summary>
    private static void AddInvocationClient<TClient>(IServiceCollection services, IConfiguration configuration, string appId, TimeSpan timeout)
        where TClient : class =>
        services.AddHttpClient<TClient>(client =>
        {
            client.BaseAddress = new Uri($"http://{appId}");
            client.Timeout = timeout;
            if (DaprSidecar.ApiToken(configuration) is { } token) client.DefaultRequestHeaders.Add(DaprSidecar.ApiTokenHeader, token);
        }).AddHttpMessageHandler(() => new InvocationHandler { DaprEndpoint = DaprSidecar.HttpEndpoint(configuration).ToString() });
}
