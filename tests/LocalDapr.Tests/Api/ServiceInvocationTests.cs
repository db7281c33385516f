using System.Net;
using Dapr.Client;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Api;

// Contract: https://docs.dapr.io/reference/api/service_invocation_api/ and
// https://docs.dapr.io/developing-applications/building-blocks/service-invocation/howto-invoke-services-grpc/
public sealed class ServiceInvocationTests
{
    [Fact]
    public async Task Invoke_api_reaches_the_target_app_with_path_query_body_and_its_app_token()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var target = await StartEchoAppAsync(runtime, folder, "target", appToken: "app-token-1");
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);

        using var http = DaprClient.CreateInvokeHttpClient("target", caller.Sidecar.HttpEndpoint.ToString());
        using var response = await http.PostAsync(new Uri("/echo/orders?page=2", UriKind.Relative), new StringContent("hello"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("POST /echo/orders?page=2 body=hello token=app-token-1");
    }

    [Fact]
    public async Task Dapr_app_id_header_routes_any_path_to_the_target_app()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var target = await StartEchoAppAsync(runtime, folder, "target");
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);

        using var http = new HttpClient { BaseAddress = caller.Sidecar.HttpEndpoint };
        using var request = new HttpRequestMessage(HttpMethod.Put, "/echo/x");
        request.Headers.Add("dapr-app-id", "target");
        request.Content = new StringContent("by header");
        using var response = await http.SendAsync(request);

        (await response.Content.ReadAsStringAsync()).Should().Be("PUT /echo/x body=by header token=");
    }

    [Fact]
    public async Task The_target_app_learns_the_callers_app_id_and_a_forged_one_is_replaced()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var target = await DaprTestApp.StartAsync(runtime, "target", folder.Path,
            map: a => a.MapGet("/who", (HttpContext context) => $"{context.Request.Headers["dapr-caller-app-id"]}->{context.Request.Headers["dapr-callee-app-id"]}"));
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);

        using var http = DaprClient.CreateInvokeHttpClient("target", caller.Sidecar.HttpEndpoint.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/who");
        request.Headers.Add("dapr-caller-app-id", "ordering");

        (await (await http.SendAsync(request)).Content.ReadAsStringAsync()).Should().Be("caller->target");
    }

    [Fact]
    public async Task Invoking_an_unknown_app_answers_err_direct_invoke()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);

        using var http = new HttpClient { BaseAddress = caller.Sidecar.HttpEndpoint };
        using var response = await http.GetAsync(new Uri("/v1.0/invoke/nobody/method/x", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ERR_DIRECT_INVOKE").And.Contain("nobody");
    }

    [Fact]
    public async Task Grpc_calls_with_dapr_app_id_metadata_are_proxied_to_the_target_app()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var target = await DaprTestApp.StartAsync(runtime, "grpc-target", folder.Path,
            configureServices: (b, _) => b.Services.AddGrpc().Services.AddGrpcHealthChecks().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()),
            map: a => a.MapGrpcHealthChecksService(),
            tweak: o => o with { AppProtocol = "grpc" });
        await using var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);

        using var channel = GrpcChannel.ForAddress(caller.Sidecar.GrpcEndpoint);
        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), new Metadata { { "dapr-app-id", "grpc-target" } });

        reply.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    private static Task<DaprTestApp> StartEchoAppAsync(LocalDaprRuntime runtime, ComponentsFolder folder, string appId, string? appToken = null) =>
        DaprTestApp.StartAsync(runtime, appId, folder.Path,
            map: a => a.Map("/echo/{**rest}", async (HttpContext context) =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                return $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} body={body} token={context.Request.Headers["dapr-api-token"]}";
            }),
            tweak: o => o with { AppApiToken = appToken });
}
