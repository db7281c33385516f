using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Bindings;

// Contract: https://docs.dapr.io/reference/components-reference/supported-bindings/http/
// The endpoint the binding calls is hosted by the test app itself, on a port chosen before the component is written.
public sealed class HttpBindingTests
{
    [Fact]
    public async Task Post_sends_the_body_to_url_plus_path_with_headers_and_answers_status_and_headers()
    {
        var port = FreePort.Next();
        using var folder = ComponentsFolder.Create(BindingComponents.Http("orders-api", $"http://127.0.0.1:{port}/api/",
            ("securityToken", "s3cret"), ("securityTokenHeader", "X-Token")));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "http-app", folder.Path,
            map: web => web.MapPost("/api/orders/{id}", async (string id, HttpRequest request) =>
            {
                var body = await new StreamReader(request.Body).ReadToEndAsync();
                request.HttpContext.Response.Headers["X-Order"] = id;
                return Results.Text($"{id}|{body}|{request.Headers["X-Token"]}|{request.Headers["X-Tenant"]}", statusCode: 201);
            }),
            tweak: o => o with { AppPort = port });

        var response = await app.Client.InvokeBindingAsync(new BindingRequest("orders-api", "post")
        {
            Data = Encoding.UTF8.GetBytes("""{"total":42}"""),
            Metadata = { ["path"] = "/orders/o-7", ["X-Tenant"] = "north" },
        });

        Encoding.UTF8.GetString(response.Data.Span).Should().Be("""o-7|{"total":42}|s3cret|north""");
        response.Metadata.Should().Contain("statusCode", "201");
        response.Metadata.Should().Contain("status", "201 Created");
        response.Metadata.Should().Contain("X-Order", "o-7");
    }

    [Fact]
    public async Task A_non_2xx_answer_is_an_error_unless_errorIfNot2XX_is_false()
    {
        var port = FreePort.Next();
        using var folder = ComponentsFolder.Create(BindingComponents.Http("flaky-api", $"http://127.0.0.1:{port}/broken"));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "http-app", folder.Path,
            map: web => web.MapGet("/broken", () => Results.Text("boom", statusCode: 503)),
            tweak: o => o with { AppPort = port });

        var failing = () => app.Client.InvokeBindingAsync(new BindingRequest("flaky-api", "get"));
        var tolerated = await app.Client.InvokeBindingAsync(new BindingRequest("flaky-api", "get") { Metadata = { ["errorIfNot2XX"] = "false" } });

        var error = await failing.Should().ThrowAsync<DaprException>();
        error.Which.InnerException.Should().BeOfType<RpcException>().Which.Status.Detail.Should().Contain("503");
        tolerated.Metadata.Should().Contain("statusCode", "503");
        Encoding.UTF8.GetString(tolerated.Data.Span).Should().Be("boom");
    }

    [Fact]
    public async Task An_answer_slower_than_responseTimeout_is_an_error()
    {
        var port = FreePort.Next();
        using var folder = ComponentsFolder.Create(BindingComponents.Http("slow-api", $"http://127.0.0.1:{port}/slow", ("responseTimeout", "300ms")));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "http-app", folder.Path,
            map: web => web.MapGet("/slow", async (CancellationToken aborted) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                return Results.Ok();
            }),
            tweak: o => o with { AppPort = port });

        var invoke = () => app.Client.InvokeBindingAsync(new BindingRequest("slow-api", "get"));

        var error = await invoke.Should().ThrowAsync<DaprException>();
        error.Which.InnerException.Should().BeOfType<RpcException>().Which.Status.Detail.Should().Contain("responseTimeout");
    }
}
