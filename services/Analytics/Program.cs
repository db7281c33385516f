using SpaceOfSport.Analytics;
using SpaceOfSport.Analytics.Apis;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.GraphQL;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeHttpOnAppPort(defaultPort: 5108);
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateDatabaseAsync<AnalyticsDbContext>();
app.MapOpenApi();
app.MapCollectionApi();
app.MapBusinessEventsApi();
app.MapGraphQLEndpoint();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
