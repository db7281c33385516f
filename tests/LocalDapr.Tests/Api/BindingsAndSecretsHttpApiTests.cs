using System.Net;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Api;

// Contract: https://docs.dapr.io/reference/api/bindings_api/ and https://docs.dapr.io/reference/api/secrets_api/ (HTTP).
public sealed class BindingsAndSecretsHttpApiTests
{
    [Fact]
    public async Task Output_binding_and_secrets_answer_over_http()
    {
        using var folder = ComponentsFolder.Create();
        var outbox = Path.Combine(folder.Path, "outbox");
        folder.Write("secrets.json", """{"db": {"password": "dev-only"}}""");
        folder.Write("components.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: files
            spec:
              type: bindings.localstorage
              version: v1
              metadata:
                - name: rootPath
                  value: "{outbox}"
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: secretstore
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
                - name: secretsFile
                  value: "{Path.Combine(folder.Path, "secrets.json")}"
            """);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "http-api", folder.Path);
        using var http = new HttpClient { BaseAddress = app.Sidecar.HttpEndpoint };

        using var created = await http.PostAsJsonAsync("/v1.0/bindings/files", new { operation = "create", data = "hello", metadata = new { fileName = "note.txt" } });
        created.IsSuccessStatusCode.Should().BeTrue(await created.Content.ReadAsStringAsync());
        (await File.ReadAllTextAsync(Path.Combine(outbox, "note.txt"))).Should().Be("hello");

        (await http.GetFromJsonAsync<Dictionary<string, string>>("/v1.0/secrets/secretstore/db:password"))
            .Should().Equal(new Dictionary<string, string> { ["db:password"] = "dev-only" });
        using var unknown = await http.GetAsync(new Uri("/v1.0/secrets/nowhere/x", UriKind.Relative));
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("ERR_SECRET_STORE_NOT_FOUND");
    }
}
