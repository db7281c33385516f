using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Notifications;
using SpaceOfSport.Notifications.Apis;
using SpaceOfSport.Notifications.Realtime;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(defaults => defaults.DirectPaths = [RealtimeHub.Path]);
builder.ServeHttpOnAppPort(defaultPort: 5107);
builder.AddApplicationServices();

var app = builder.Build();
app.UseWebSockets();
app.MapOpenApi();
app.MapRealtimeHub();
app.MapAlertsApi();
app.MapTicketsApi();
app.MapHubEventsApi();
app.MapCustomerEventsApi();
app.MapDeliveriesApi();
app.MapTemplatesApi();
app.MapMarketingApi();
app.MapMessagesApi();
app.MapWebhookEndpointsApi();
app.MapPartnerEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
