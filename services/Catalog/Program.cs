using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Catalog;
using SpaceOfSport.Catalog.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeHttpOnAppPort(defaultPort: 5101);
builder.AddApplicationServices();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.MapOpenApi();
app.MapProductsApi();
app.MapCategoriesApi();
app.MapBrandsApi();
app.MapSportsApi();
app.MapFlashSalesApi();
app.MapSkusApi();
app.MapImagesApi();
app.MapGraphQLEndpoint();
app.MapFlashSaleScheduleApi();
app.MapInventoryEventsApi();
app.MapSearchIndexEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
