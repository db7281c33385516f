using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Grpc;
using SpaceOfSport.Cart;
using SpaceOfSport.Cart.Apis;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.Promotions;
using SpaceOfSport.Cart.Tax;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.ServeH2cOnAppPort(defaultPort: 5104);
builder.AddApplicationServices();

var app = builder.Build();
app.MapOpenApi();
app.MapGrpcApi<TaxService>();
app.MapGrpcApi<PromotionsGrpcService>();
app.MapGrpcApi<CartCheckoutService>();
app.MapCartApi();
app.MapShippingApi();
app.MapPromotionsApi();
app.MapCartEventsApi();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
