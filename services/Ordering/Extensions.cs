using System.Globalization;
using Dapr;
using Dapr.Client;
using Dapr.Workflow;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.BuildingBlocks.Subscriptions;
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

public static partial class Extensions
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
        services.AddExceptionHandler<TransientFaultProblems>();
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
        services.AddSingleton<GuestCartOwners>();
        services.AddHostedService<PendingCheckoutSweep>();
        // Dapr.Workflow 1.19's source generator registers every Workflow and WorkflowActivity of this assembly (a module
        // initializer feeding WorkflowAutoRegistry): registering them here as well made the SDK warn "already registered".
        services.AddDaprWorkflow();
    }

    /// <summary>
    /// The clients of other services say a dependency did not answer with <see cref="DependencyUnavailableException"/>
    /// (the service defaults answer 503); what escapes elsewhere under load (the database busy past its timeout, a call
    /// to the sidecar or its workflow API cut or late) is the same fault and gets the same 503 problem with Retry-After,
    /// never a 500 (a flash sale at 1,000 buyers found these). Each is logged with its cause, so none goes untraced.
    /// </summary>
    private sealed partial class TransientFaultProblems(IProblemDetailsService problems, ILogger<TransientFaultProblems> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (UnavailableDependency(exception) is not { } dependency || context.Response.HasStarted) return false;
            LogUnavailable(exception, context.Request.Method, context.Request.Path, dependency);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = DependencyUnavailableProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Temporarily unavailable", Detail = $"{dependency} did not answer; try again (with the same Idempotency-Key)." },
            });
        }

        private static string? UnavailableDependency(Exception exception) => exception switch
        {
            DbUpdateException { InnerException: { } inner } => UnavailableDependency(inner),
            // SQLITE_BUSY and SQLITE_LOCKED: another writer held the file past the busy timeout.
            SqliteException { SqliteErrorCode: 5 or 6 } => Database,
            NpgsqlException { IsTransient: true } => Database,
            RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Cancelled } => Sidecar,
            DaprException => Sidecar,
            _ => null,
        };

        private const string Database = "the database";
        private const string Sidecar = "the Dapr sidecar";

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Dependency} did not answer")]
        private partial void LogUnavailable(Exception exception, string method, string path, string dependency);
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
