using System.Net;
using LocalDapr.Tests.Infrastructure;
using LocalDapr.Tests.PubSub;

namespace LocalDapr.Tests.Api;

// Contract: https://docs.dapr.io/reference/api/service_invocation_api/ — the sidecar is a proxy: whatever the app does
// with a request body, the caller's next request on the same keep-alive connection must reach the app.
public sealed class UnreadBodyInvocationTests
{
    [Theory]
    [InlineData("h2c")]
    [InlineData("http")]
    public async Task A_request_whose_body_the_app_refused_unread_does_not_break_the_next_request_on_that_connection(string appProtocol)
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        using var logs = new LogRecorder();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var runtime = LocalDaprRuntime.Create(loggerFactory: loggerFactory);
        await using var target = await DaprTestApp.StartAsync(runtime, "target", folder.Path,
            map: app =>
            {
                // As a minimal API does for a form sent where JSON is expected: answer without reading the body.
                app.MapPost("/users", () => Results.StatusCode(StatusCodes.Status415UnsupportedMediaType));
                app.MapGet("/users/me", () => "me");
            },
            tweak: o => o with { AppProtocol = appProtocol });
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);

        // One pooled connection, as the gateway's forwarder keeps to its sidecar.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = caller.Sidecar.HttpEndpoint };
        var form = new string('x', 200_000);
        for (var i = 0; i < 60; i++)
        {
            using var refused = new HttpRequestMessage(HttpMethod.Post, "/users") { Content = new StringContent($"email={form}", null, "application/x-www-form-urlencoded") };
            refused.Headers.Add("dapr-app-id", "target");
            using var refusedResponse = await http.SendAsync(refused);
            refusedResponse.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, $"request {i}: {await refusedResponse.Content.ReadAsStringAsync()}");

            using var next = new HttpRequestMessage(HttpMethod.Get, "/users/me");
            next.Headers.Add("dapr-app-id", "target");
            using var nextResponse = await http.SendAsync(next);
            (await nextResponse.Content.ReadAsStringAsync()).Should().Be("me", $"request {i}");
        }

        logs.Lines.Should().NotContain(line => line.Contains("draining", StringComparison.OrdinalIgnoreCase));
    }
}
