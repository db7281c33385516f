using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.Inventory;
using SpaceOfSport.Inventory.Apis;
using SpaceOfSport.Inventory.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeH2cOnAppPort(defaultPort: 5102);
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateDatabaseAsync<InventoryDbContext>();
app.MapInventoryApi();
app.MapCatalogEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
