using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Gateway;
using SpaceOfSport.Gateway.Apis;
using SpaceOfSport.Gateway.DeveloperPortal;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(defaults => defaults.BrowserFacing = true);
builder.ServeHttpOnAppPort(defaultPort: 8080);
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayEdge();
app.MapProxyApi();
app.MapDeveloperPortal();
app.MapDefaultEndpoints();
app.Run();
