using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Identity;
using SpaceOfSport.Identity.Apis;
using SpaceOfSport.Identity.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
await app.InitializeIdentityAsync();
app.MapGrpcService<AuthService>();
app.MapUsersApi();
app.MapRolesApi();
app.MapWellKnownApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
