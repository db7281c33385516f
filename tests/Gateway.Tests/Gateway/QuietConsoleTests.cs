using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.Gateway.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Gateway.Tests.Gateway;

/// <summary>While something behind the gateway is down, its console says so once per cause and interval, without stack traces.</summary>
public sealed class QuietConsoleTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();

    private Task<GatewayHost> StartGatewayAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        GatewayHost.StartAsync(fixture.Runtime, settings, web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<ILoggerProvider>(_logs);
        }));

    private IReadOnlyList<CapturedLogs.Entry> Warnings => _logs.AtLeast(LogLevel.Warning);

    private static Task SendAsync(GatewayHost gateway, string path, int count, HttpStatusCode expected) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var response = await gateway.Client.GetAsync(path);
            response.StatusCode.Should().Be(expected);
        }));

    [Fact]
    public async Task While_the_storefront_is_down_one_warning_per_minute_counts_the_failed_requests_and_no_stack_trace_is_logged()
    {
        await using var gateway = await StartGatewayAsync();

        await SendAsync(gateway, "/", 40, HttpStatusCode.ServiceUnavailable);
        var first = Warnings.Should().ContainSingle().Subject;
        first.Category.Should().Be(typeof(ProxyFailureLog).FullName);
        first.Message.Should().Contain("storefront").And.Contain("ConnectionRefused").And.Contain("1 request(s) failed");

        _clock.Advance(TimeSpan.FromSeconds(59));
        await SendAsync(gateway, "/products/trail-shoe", 10, HttpStatusCode.ServiceUnavailable);
        Warnings.Should().ContainSingle("a minute has not passed yet");

        _clock.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(gateway, "/", 1, HttpStatusCode.ServiceUnavailable);
        Warnings.Should().HaveCount(2);
        Warnings[1].Message.Should().Contain("storefront").And.Contain("50 request(s) failed");

        _logs.Entries.Should().NotContain(entry => entry.Exception != null, "a down storefront is not an exception worth a stack trace");
        _logs.Entries.Should().NotContain(entry => entry.Message.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_target_and_cause_gets_its_own_warning()
    {
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Services:0"] = "wishlist" });

        await SendAsync(gateway, "/", 20, HttpStatusCode.ServiceUnavailable);
        await SendAsync(gateway, "/api/wishlist/items", 20, HttpStatusCode.ServiceUnavailable);

        Warnings.Should().HaveCount(2);
        Warnings.Should().ContainSingle(entry => entry.Message.Contains("storefront"));
        Warnings.Should().ContainSingle(entry => entry.Message.Contains("wishlist service") && entry.Message.Contains("ERR_DIRECT_INVOKE"));
    }

    [Fact]
    public async Task The_interval_is_configurable()
    {
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:FailureLogInterval"] = "00:00:10" });

        await SendAsync(gateway, "/", 5, HttpStatusCode.ServiceUnavailable);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await SendAsync(gateway, "/", 1, HttpStatusCode.ServiceUnavailable);

        Warnings.Should().HaveCount(2);
        Warnings[1].Message.Should().Contain("5 request(s) failed").And.Contain("00:00:10");
    }
}
