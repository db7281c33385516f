using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Inventory;
using SpaceOfSport.Inventory.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.MapInventoryApi();
app.MapCatalogEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
