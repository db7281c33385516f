using System.Collections.Concurrent;
using System.Diagnostics;

namespace SpaceOfSport.TestSupport;

/// <summary>
/// A program of the repository's build (<c>dotnet app.dll</c>) as a real child process, with its console output kept
/// for assertions and failure messages. <see cref="KillAsync"/> is SIGKILL: nothing gets to save or say goodbye.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, standard output and error interleaved as they arrived.</summary>
    public string Output => string.Join('\n', _output);

    public static ChildProcess StartDll(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var child = new ChildProcess(Process.Start(info)!);
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL to the process and its children, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null) _output.Enqueue(line);
    }
}
