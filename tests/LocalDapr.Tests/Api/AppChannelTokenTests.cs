using System.Collections.Concurrent;
using Dapr.Client;
using LocalDapr.Tests.Bindings;
using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Api;

// Contract: https://docs.dapr.io/operations/security/app-api-token/ ("Dapr includes the token when calling an app"):
// daprd's app channel sets dapr-api-token on every request it builds (invocation, subscriptions and deliveries, input
// bindings, /dapr/config, actors); its HTTP health probe (pkg/channel/http HealthProbe) is built without it. Service
// invocation also names caller and callee and appends the caller's host to the forwarded headers
// (pkg/messaging/direct_messaging.go: addAppIDHeadersToMetadata, addForwardedHeadersToMetadata).
public sealed class AppChannelTokenTests
{
    private const string AppToken = "app-channel-token";

    private sealed record Seen(string Path, string Token, string? Caller, string? Callee, string? ForwardedFor);

    [Fact]
    public async Task Every_call_into_the_app_carries_the_app_api_token_and_the_health_probe_none()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub, BindingComponents.Cron("tick", "@every 1s"));
        await using var runtime = LocalDaprRuntime.Create();
        var seen = new ConcurrentQueue<Seen>();
        await using var app = await StartRecordingAppAsync(runtime, folder, "subscriber", seen);
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);

        await caller.Client.PublishEventAsync("pubsub", "orders", new { id = 1 });
        using var http = DaprClient.CreateInvokeHttpClient("subscriber", caller.Sidecar.HttpEndpoint.ToString());
        (await http.GetAsync(new Uri("/invoked", UriKind.Relative))).EnsureSuccessStatusCode();

        await Eventually.ReturnsAsync(() => Task.FromResult(seen.Select(s => s.Path).ToHashSet()),
            paths => paths.IsSupersetOf(["/dapr/subscribe", "/orders", "/invoked", "/tick", "/healthz"]), because: "every kind of call to reach the app");
        seen.Where(s => s.Path != "/healthz").Should().OnlyContain(s => s.Token == AppToken);
        seen.Where(s => s.Path == "/healthz").Should().OnlyContain(s => s.Token == "");
    }

    [Fact]
    public async Task Service_invocation_names_the_caller_and_callee_and_appends_the_callers_host_to_the_forwarded_headers()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub);
        await using var runtime = LocalDaprRuntime.Create();
        var seen = new ConcurrentQueue<Seen>();
        await using var app = await StartRecordingAppAsync(runtime, folder, "callee-app", seen);
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller-app", folder.Path);

        using var http = new HttpClient { BaseAddress = caller.Sidecar.HttpEndpoint };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/invoke/callee-app/method/invoked");
        request.Headers.Add("dapr-caller-app-id", "someone-else");
        request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        var call = seen.Single(s => s.Path == "/invoked");
        call.Caller.Should().Be("caller-app", "the sidecar sets the caller, whatever the request said");
        call.Callee.Should().Be("callee-app");
        call.ForwardedFor.Should().Be("198.51.100.20, 127.0.0.1");
        call.Token.Should().Be(AppToken);
    }

    private static Task<DaprTestApp> StartRecordingAppAsync(LocalDaprRuntime runtime, ComponentsFolder folder, string appId, ConcurrentQueue<Seen> seen) =>
        DaprTestApp.StartAsync(runtime, appId, folder.Path,
            map: app =>
            {
                app.Use(async (context, next) =>
                {
                    var headers = context.Request.Headers;
                    seen.Enqueue(new Seen(context.Request.Path, headers["dapr-api-token"].ToString(), headers["dapr-caller-app-id"].FirstOrDefault(),
                        headers["dapr-callee-app-id"].FirstOrDefault(), headers.TryGetValue("X-Forwarded-For", out var forwarded) ? string.Join(", ", forwarded.ToArray()) : null));
                    await next(context);
                });
                app.MapGet("/dapr/subscribe", () => new[] { new { pubsubname = "pubsub", topic = "orders", route = "/orders" } });
                app.MapPost("/orders", () => Results.Ok());
                app.MapGet("/invoked", () => "ok");
                app.MapMethods("/tick", ["OPTIONS", "POST"], () => Results.Ok());
                app.MapGet("/healthz", () => "healthy");
            },
            tweak: o => o with { AppApiToken = AppToken, EnableAppHealthCheck = true, AppHealthProbeInterval = TimeSpan.FromMilliseconds(100) });
}
