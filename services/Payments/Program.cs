using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Grpc;
using SpaceOfSport.BuildingBlocks.Http;
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
app.MapGrpcApi<VerificationService>().RequireCallerApp(VerificationService.CallerAppIds);
app.MapPaymentsApi();
app.MapStripeWebhookApi();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
