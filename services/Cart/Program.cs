using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Cart;
using SpaceOfSport.Cart.Apis;
using SpaceOfSport.Cart.Tax;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapOpenApi();
app.MapGrpcService<TaxService>();
app.MapCartApi();
app.MapShippingApi();
app.MapPromotionsApi();
app.MapCartEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
