using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LocalDapr.Hosting;

/// <summary>An app started as a child process, its output prefixed with its app-id as the Dapr CLI does.</summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(string appId, Process process)
    {
        AppId = appId;
        _process = process;
    }

    public string AppId { get; }

    public Task<int> Exited { get; private init; } = Task.FromResult(0);

    public static AppProcess Start(RunFileApp app, IReadOnlyDictionary<string, string> environment, TextWriter output)
    {
        if (app.Command.Count == 0) throw new Components.ResourceLoadException($"app '{app.AppId}' has no command");
        var info = new ProcessStartInfo(app.Command[0])
        {
            WorkingDirectory = app.AppDirPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in app.Command.Skip(1)) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(process.ExitCode);
        process.OutputDataReceived += (_, e) => Write(output, app.AppId, e.Data);
        process.ErrorDataReceived += (_, e) => Write(output, app.AppId, e.Data);
        if (!process.Start()) throw new InvalidOperationException($"app '{app.AppId}' did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(app.AppId, process) { Exited = exited.Task };
    }

    /// <summary>Asks the app to stop (SIGTERM, as Ctrl-C in the Dapr CLI does), then kills it after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        if (!OperatingSystem.IsWindows()) _ = Kill(_process.Id, 15);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private static void Write(TextWriter output, string appId, string? line)
    {
        if (line is null) return;
        lock (output) output.WriteLine($"== APP - {appId} == {line}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
