using SpaceOfSport.Audit;
using SpaceOfSport.Audit.Apis;
using SpaceOfSport.Audit.Data;
using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeH2cOnAppPort(defaultPort: 5109);
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateLedgerDatabaseAsync();
app.MapGrpcApi<LedgerGrpcService>();
app.MapGrpcHealthChecksService();
app.MapSourceEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
