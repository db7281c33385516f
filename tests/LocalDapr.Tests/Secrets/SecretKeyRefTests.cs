using System.Text.Json;
using LocalDapr.Components;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Secrets;

// Contract: https://docs.dapr.io/operations/components/component-secrets/ (secretKeyRef with auth.secretStore).
public sealed class SecretKeyRefTests
{
    [Fact]
    public async Task A_component_metadata_value_is_resolved_from_the_secret_store()
    {
        var secretRoot = Directory.CreateTempSubdirectory("secret-root-");
        try
        {
            using var folder = ComponentsFolder.Create();
            var secrets = folder.Write("secrets.json", JsonSerializer.Serialize(new Dictionary<string, string> { ["storageRoot"] = secretRoot.FullName }));
            folder.Write("vault.yaml", SecretComponents.LocalFile("vault", secrets));
            folder.Write("files.yaml", SecretComponents.LocalStorageWithSecretRoot("files", "vault", "storageRoot", "storageRoot"));
            await using var runtime = LocalDaprRuntime.Create();
            await using var app = await DaprTestApp.StartAsync(runtime, "secrets-app", folder.Path);

            await app.Client.InvokeBindingAsync("files", "create", "proof", new Dictionary<string, string> { ["fileName"] = "proof.txt" });

            File.ReadAllText(Path.Combine(secretRoot.FullName, "proof.txt")).Should().Be("proof");
        }
        finally
        {
            secretRoot.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_secret_stops_the_runtime_naming_file_component_and_secret()
    {
        using var folder = ComponentsFolder.Create();
        var secrets = folder.Write("secrets.json", """{ "somethingElse": "x" }""");
        folder.Write("vault.yaml", SecretComponents.LocalFile("vault", secrets));
        var componentFile = folder.Write("files.yaml", SecretComponents.LocalStorageWithSecretRoot("files", "vault", "storageRoot", "storageRoot"));
        await using var runtime = LocalDaprRuntime.Create();

        var start = () => runtime.StartSidecarAsync(new SidecarOptions { AppId = "secrets-app", ResourcesPaths = [folder.Path] });

        var error = await start.Should().ThrowAsync<ResourceLoadException>();
        error.Which.Message.Should().Contain(componentFile).And.Contain("'files'").And.Contain("storageRoot").And.Contain("vault");
    }
}
