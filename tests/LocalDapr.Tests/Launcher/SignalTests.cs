using System.Diagnostics;
using System.Net;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Launcher;

// The launcher stops every app cleanly on Ctrl-C (SIGINT) and on SIGTERM, also when a non-interactive shell started it
// in the background, where SIGINT is ignored and SIGTERM is what `kill` sends.
public sealed class SignalTests
{
    [Theory]
    [InlineData("TERM", false)]
    [InlineData("TERM", true)]
    [InlineData("INT", false)]
    public async Task A_signal_stops_the_launcher_and_its_apps_cleanly(string signal, bool inBackground)
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryPubSub);
        var appPort = FreePort.Next();
        var runFile = folder.Write("dapr.yaml", $"""
            version: 1
            common:
              resourcesPath: .
            apps:
              - appID: signalled
                appDirPath: .
                appPort: {appPort}
                appProtocol: h2c
                command: ["dotnet", "{Artifacts.TestAppDll}"]
            """);
        var launcherCommand = $"dotnet '{Artifacts.LocalDaprDll}' -f '{runFile}' --resources-path '{folder.Path}' --no-build";
        // In the background of a non-interactive shell the launcher inherits SIGINT ignored; its pid comes first on stdout.
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(inBackground ? $"{launcherCommand} & echo \"pid $!\"; wait $!" : $"echo \"pid $$\"; exec {launcherCommand}");
        var output = new SyncWriter();
        using var shell = Process.Start(info)!;
        shell.OutputDataReceived += (_, e) => output.WriteLine(e.Data);
        shell.ErrorDataReceived += (_, e) => output.WriteLine(e.Data);
        shell.BeginOutputReadLine();
        shell.BeginErrorReadLine();
        try
        {
            await Eventually.UntilAsync(() => output.ToString().Contains("is running", StringComparison.Ordinal) || shell.HasExited, "the launcher to start",
                TimeSpan.FromSeconds(90), () => output.ToString());
            var launcherPid = int.Parse(output.ToString().Split('\n').First(l => l.StartsWith("pid ", StringComparison.Ordinal))[4..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

            using (var kill = Process.Start("kill", $"-{signal} {launcherPid}")) await kill.WaitForExitAsync();

            await shell.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            shell.ExitCode.Should().Be(0, output.ToString());
            output.ToString().Should().Contain("== local-dapr == stopping");
            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            var app = () => http.GetAsync(new Uri($"http://127.0.0.1:{appPort}/hello"));
            await app.Should().ThrowAsync<HttpRequestException>("the app was stopped with the launcher");
        }
        finally
        {
            if (!shell.HasExited) shell.Kill(entireProcessTree: true);
        }
    }
}
