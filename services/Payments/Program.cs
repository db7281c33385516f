using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.Payments;
using SpaceOfSport.Payments.Apis;
using SpaceOfSport.Payments.Data;
using SpaceOfSport.Payments.Verification;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeH2cOnAppPort(defaultPort: 5106);
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateDatabaseAsync<PaymentsDbContext>();
app.MapGrpcService<VerificationService>();
app.MapPaymentsApi();
app.MapStripeWebhookApi();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
