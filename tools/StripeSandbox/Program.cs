using SpaceOfSport.BuildingBlocks;
using StripeSandbox;
using StripeSandbox.Api;
using StripeSandbox.HostedPages;
using StripeSandbox.Webhooks;

var builder = WebApplication.CreateBuilder(args);
// Browser-facing: Stripe.net and browsers call it directly, never through a sidecar.
builder.AddServiceDefaults(options => options.BrowserFacing = true);
builder.ServeHttpOnAppPort(defaultPort: 5190);
builder.AddSandbox();

var app = builder.Build();
app.MapStripeApi();
app.MapHostedPages();
app.MapWebhookControlApi();
app.MapDefaultEndpoints();
app.Run();

// Internal: test projects that reference both this sandbox and a service see one Program, the service's.
internal partial class Program;
