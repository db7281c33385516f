using System.Collections.Concurrent;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Client;
using Dapr.Workflow;
using Grpc.Core;
using Grpc.Net.Client;
using LocalDapr.TestApp;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// One port, cleartext HTTP/2 only (app protocol h2c): REST, gRPC and Dapr callbacks all arrive on it.
var builder = WebApplication.CreateSlimBuilder(args);
var appId = Environment.GetEnvironmentVariable("APP_ID") ?? "testapp";
var appPort = int.Parse(Environment.GetEnvironmentVariable("APP_PORT") ?? "5000", System.Globalization.CultureInfo.InvariantCulture);
builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(appPort, l => l.Protocols = HttpProtocols.Http2));
builder.Services.AddSingleton(new AppIdentity(appId));
builder.Services.AddSingleton<ConcurrentQueue<Greeting>>();
builder.Services.AddDaprClient();
builder.Services.AddGrpc();
builder.Services.AddActors(actors => actors.Actors.RegisterActor<ReminderActor>());
builder.Services.AddSingleton<RungReminders>();
// Only the workflow crash tests ask for workflows: other tests' sidecars have no actor state store for them.
if (Environment.GetEnvironmentVariable("WORKFLOW_LOG") is not null)
{
    builder.Services.AddSingleton<ActivityLog>();
    builder.Services.AddDaprWorkflow(CrashWorkflows.Register);
}

var app = builder.Build();
app.UseCloudEvents();
app.MapSubscribeHandler();
app.MapGrpcService<GreeterService>();
app.MapActorsHandlers();

app.MapGet("/hello", () => $"hello from {appId} over HTTP");
app.MapGet("/pid", () => Environment.ProcessId);
app.MapGet("/api/hello", () => $"hello from {appId} through the gateway");
// Whether the launcher gave this app an app API token, and whether this request carried it (as the sidecar's do).
app.MapGet("/api/app-api-token", (HttpContext context) => Environment.GetEnvironmentVariable("APP_API_TOKEN") is { Length: > 0 } token
    ? new AppApiTokenSeen(Configured: true, Received: context.Request.Headers["dapr-api-token"] == token)
    : new AppApiTokenSeen(Configured: false, Received: false));

// Calls another app over HTTP and gRPC through this app's sidecar, then tells everyone about it.
app.MapPost("/relay/{target}", async (string target, DaprClient dapr) =>
{
    using var http = DaprClient.CreateInvokeHttpClient(target, Environment.GetEnvironmentVariable("DAPR_HTTP_ENDPOINT"), Environment.GetEnvironmentVariable("DAPR_API_TOKEN"));
    var overHttp = await http.GetStringAsync(new Uri("/hello", UriKind.Relative));
    using var channel = GrpcChannel.ForAddress(Environment.GetEnvironmentVariable("DAPR_GRPC_ENDPOINT")!);
    var metadata = new Metadata { { "dapr-app-id", target } };
    if (Environment.GetEnvironmentVariable("DAPR_API_TOKEN") is { } token) metadata.Add("dapr-api-token", token);
    var overGrpc = await new Greeter.GreeterClient(channel).SayHelloAsync(new HelloRequest { Name = appId }, metadata);
    var greeting = new Greeting(appId, overHttp, overGrpc.Message);
    await dapr.PublishEventAsync("pubsub", "greetings", greeting);
    return greeting;
});

// HOLD_DELIVERIES=1 makes the app take a delivery and never answer: the crash tests kill it then.
var holdDeliveries = Environment.GetEnvironmentVariable("HOLD_DELIVERIES") == "1";
app.MapPost("/greetings", async (Greeting greeting, ConcurrentQueue<Greeting> received, CancellationToken aborted) =>
{
    if (holdDeliveries)
    {
        Console.WriteLine($"holding delivery from {greeting.From}");
        await Task.Delay(Timeout.Infinite, aborted);
    }

    received.Enqueue(greeting);
    return Results.Ok();
}).WithTopic("pubsub", "greetings");

app.MapPost("/arm/{id}", async (string id, int seconds) =>
{
    await ActorProxy.Create<IReminderActor>(new ActorId(id), nameof(ReminderActor)).ArmAsync(seconds);
    return Results.Ok();
});
app.MapGet("/rung", (RungReminders rung) => rung.ActorIds.ToArray());

app.MapGet("/received", (ConcurrentQueue<Greeting> received) => received.ToArray());

app.Run();

public sealed record Greeting(string From, string OverHttp, string OverGrpc);

public sealed record AppApiTokenSeen(bool Configured, bool Received);
