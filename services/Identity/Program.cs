using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Grpc;
using SpaceOfSport.Identity;
using SpaceOfSport.Identity.Apis;
using SpaceOfSport.Identity.Auth;
using SpaceOfSport.Identity.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeH2cOnAppPort(defaultPort: 5103);
builder.AddApplicationServices();

var app = builder.Build();
await app.MigrateDatabaseAsync<IdentityDbContext>();
await app.InitializeIdentityAsync();
app.MapOpenApi();
app.MapGrpcApi<AuthService>();
app.MapUsersApi();
app.MapRolesApi();
app.MapWellKnownApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
