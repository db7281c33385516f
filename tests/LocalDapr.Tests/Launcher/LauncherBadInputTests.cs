using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Launcher;

// Each mistake stops the launcher before any app starts, with a message naming what is wrong and a non-zero exit.
public sealed class LauncherBadInputTests
{
    [Fact]
    public async Task Malformed_component_yaml_names_the_file_and_line()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("broken.yaml", "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n");
        var (exitCode, error) = await RunLauncherAsync(folder);

        exitCode.Should().NotBe(0);
        error.Should().Contain("broken.yaml").And.Contain("malformed YAML").And.Contain("line");
    }

    [Fact]
    public async Task Unknown_component_type_names_the_file_the_component_and_the_type()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("queue.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: orders-queue
            spec:
              type: pubsub.aws.snssqs
              version: v1
              metadata:
                - name: region
                  value: eu-west-1
            """);
        var (exitCode, error) = await RunLauncherAsync(folder);

        exitCode.Should().NotBe(0);
        error.Should().Contain("queue.yaml").And.Contain("'orders-queue'").And.Contain("pubsub.aws.snssqs").And.Contain("does not support");
    }

    [Fact]
    public async Task Missing_secret_names_the_component_the_metadata_and_the_secret()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("secrets.json", """{"present": "yes"}""");
        folder.Write("secretstore.yaml", $"""
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
        folder.Write("state.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.in-memory
              version: v1
              metadata:
                - name: password
                  secretKeyRef:
                    name: absent
                    key: absent
            auth:
              secretStore: secretstore
            """);
        var (exitCode, error) = await RunLauncherAsync(folder);

        exitCode.Should().NotBe(0);
        error.Should().Contain("'statestore'").And.Contain("'password'").And.Contain("secret 'absent'").And.Contain("'secretstore'");
    }

    [Fact]
    public async Task Port_in_use_names_the_app_and_the_port()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var busyPort = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (exitCode, error) = await RunLauncherAsync(folder, appPort: busyPort);

        exitCode.Should().NotBe(0);
        error.Should().Contain("'shop'").And.Contain(busyPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("already in use");
    }

    // https://docs.dapr.io/developing-applications/local-development/multi-app-dapr-run/multi-app-template/: with
    // -f and no --resources-path, a run file's own resourcesPaths are the components it runs with.
    [Fact]
    public async Task A_run_file_of_ones_own_is_run_with_its_resources_paths()
    {
        using var folder = ComponentsFolder.Create();
        Directory.CreateDirectory(Path.Combine(folder.Path, "my-components"));
        folder.Write(Path.Combine("my-components", "queue.yaml"), """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: mine
            spec:
              type: pubsub.made-up
              version: v1
            """);
        var (exitCode, error) = await RunLauncherAsync(folder, common: "common:\n  resourcesPaths: [./my-components]\n", explicitResources: false);

        exitCode.Should().NotBe(0);
        error.Should().Contain(Path.Combine("my-components", "queue.yaml")).And.Contain("'mine'").And.Contain("pubsub.made-up");
    }

    private static async Task<(int ExitCode, string Error)> RunLauncherAsync(ComponentsFolder folder, int? appPort = null, string common = "", bool explicitResources = true)
    {
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            {common}apps:
              - appID: shop
                appDirPath: .
                appPort: {appPort ?? FreePort.Next()}
                command: ["dotnet", "--version"]
            """);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        string[] resources = explicitResources ? ["--resources-path", folder.Path] : [];
        foreach (var arg in (string[])[Artifacts.LocalDaprDll, "-f", runFile, .. resources, "--no-build"]) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error);
    }
}
