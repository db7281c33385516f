using System.Net;
using LocalDapr.Sidecar;

namespace SpaceOfSport.BuildingBlocks.Tests.Hosting;

/// <summary>
/// An h2c app (cleartext HTTP/2 only on its app port) answers Kubernetes' HTTP/1.1 probes on PROBE_PORT, and only them
/// (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/).
/// </summary>
public sealed class ProbePortTests
{
    [Fact]
    public async Task An_h2c_app_answers_liveness_over_http1_on_its_probe_port_and_nothing_else_there()
    {
        var appPort = FreePort.Next();
        var probePort = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[AppPort.Setting] = appPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration[AppPort.ProbeSetting] = probePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.ServeH2cOnAppPort(defaultPort: 1);
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapGet("/api/ping", () => "pong");
        app.MapDefaultEndpoints();
        await app.StartAsync();

        using var http1 = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var h2c = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var liveness = await http1.GetAsync($"http://127.0.0.1:{probePort}{HealthPaths.Liveness}");
        var apiOnProbePort = await http1.GetAsync($"http://127.0.0.1:{probePort}/api/ping");
        var apiOnAppPort = await h2c.GetAsync($"http://127.0.0.1:{appPort}/api/ping");
        var http1OnAppPort = await StatusOrNullAsync(http1, $"http://127.0.0.1:{appPort}{HealthPaths.Liveness}");

        liveness.StatusCode.Should().Be(HttpStatusCode.OK);
        liveness.Version.Should().Be(HttpVersion.Version11);
        apiOnProbePort.StatusCode.Should().Be(HttpStatusCode.NotFound, "the probe port answers the probes only");
        (await apiOnAppPort.Content.ReadAsStringAsync()).Should().Be("pong");
        http1OnAppPort.Should().NotBe(HttpStatusCode.OK, "the app port speaks prior-knowledge HTTP/2 only");
    }

    /// <summary>The answer's status, or null when the server broke the exchange off.</summary>
    private static async Task<HttpStatusCode?> StatusOrNullAsync(HttpClient client, string url)
    {
        try
        {
            return (await client.GetAsync(url)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
