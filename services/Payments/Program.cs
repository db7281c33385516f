using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Payments;
using SpaceOfSport.Payments.Apis;
using SpaceOfSport.Payments.Verification;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
await app.MigratePaymentsDatabaseAsync();
app.MapGrpcService<VerificationService>();
app.MapPaymentsApi();
app.MapStripeWebhookApi();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
