using System.Collections.Concurrent;
using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Bindings;

// Contract: https://docs.dapr.io/reference/api/bindings_api/ (invoking service code through input bindings) and
// https://docs.dapr.io/reference/components-reference/supported-bindings/cron/
public sealed class InputBindingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_cron_binding_every_second_posts_events_with_metadata_headers_to_the_app()
    {
        var received = new ConcurrentQueue<(string Binding, Dictionary<string, string> Headers)>();
        using var folder = ComponentsFolder.Create(BindingComponents.Cron("ticks", "@every 1s"));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "cron-app", folder.Path,
            map: web => web.MapPost("/{binding}", (string binding, HttpRequest request) =>
            {
                // Copied now: the server reuses the header collection once the request is over.
                received.Enqueue((binding, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
                return Results.Ok();
            }));

        await Eventually.UntilAsync(() => received.Count >= 2, "two cron events", Deadline);

        received.Should().AllSatisfy(e =>
        {
            e.Binding.Should().Be("ticks");
            e.Headers.Should().ContainKey("readTimeUTC");
            e.Headers.Should().ContainKey("timeZone");
        });
    }

    [Fact]
    public async Task An_app_answering_404_to_options_gets_no_events_while_a_route_override_does()
    {
        var posted = new ConcurrentQueue<string>();
        var optionsAsked = new ConcurrentQueue<string>();
        using var folder = ComponentsFolder.Create(
            BindingComponents.Cron("ignored", "@every 1s"),
            BindingComponents.Cron("rerouted", "* * * * * *", ("route", "/jobs/cleanup")));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "cron-app", folder.Path, map: web =>
        {
            web.MapMethods("/{**path}", ["OPTIONS"], (string path) =>
            {
                optionsAsked.Enqueue(path);
                return path == "ignored" ? Results.NotFound() : Results.Ok();
            });
            web.MapPost("/{**path}", (string path) =>
            {
                posted.Enqueue(path);
                return Results.Ok();
            });
        });

        await Eventually.UntilAsync(() => posted.Count(p => p == "jobs/cleanup") >= 2, "two events on the overridden route", Deadline);

        optionsAsked.Should().Contain(["ignored", "jobs/cleanup"]);
        posted.Should().OnlyContain(p => p == "jobs/cleanup", "the app answered 404 to OPTIONS /ignored");
    }
}
