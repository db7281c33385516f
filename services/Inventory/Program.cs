using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Grpc;
using SpaceOfSport.Inventory;
using SpaceOfSport.Inventory.Apis;
using SpaceOfSport.Inventory.Data;
using SpaceOfSport.Inventory.Reservations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeH2cOnAppPort(defaultPort: 5102);
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateDatabaseAsync<InventoryDbContext>();
app.MapOpenApi();
app.MapGrpcApi<InventoryGrpcService>();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionWhereProtected();
app.MapInventoryApi();
app.MapCatalogEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
