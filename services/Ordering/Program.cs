using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Ordering;
using SpaceOfSport.Ordering.Apis;
using SpaceOfSport.Ordering.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeH2cOnAppPort(defaultPort: 5105);
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateDatabaseAsync<OrderingDbContext>();
app.MapOpenApi();
app.MapOrdersApi();
app.MapPaymentEventsApi();
app.MapDeliveryWebhookApi();
app.MapGraphQLEndpoint();
app.MapIdentityEventsApi();
app.MapReturnsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
