using System.Diagnostics;
using System.Text;

namespace SpaceOfSport.Storefront.Tests;

/// <summary>
/// The storefront's sources (<c>services/storefront</c>): installed and built once per test run by its own
/// <c>scripts/build.sh</c> (npm ci and next build only when something changed), and its node test files run one by one.
/// </summary>
public static class StorefrontProject
{
    public static readonly string Directory = Find();

    private static readonly Lazy<Task> Build = new(() => RunBuildAsync());

    /// <summary>Installs and builds once, whichever test asks first; a failed build fails every test that needs it.</summary>
    public static Task EnsureBuiltAsync() => Build.Value;

    /// <summary>The node test files under <paramref name="folder"/> (e.g. <c>test/unit</c>), as paths relative to the project.</summary>
    public static TheoryData<string> TestFiles(string folder)
    {
        var files = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory, folder), "*.test.ts").Order(StringComparer.Ordinal))
            files.Add(Path.GetRelativePath(Directory, file).Replace('\\', '/'));
        return files;
    }

    /// <summary>Runs one file with node's test runner (spec reporter); the result names every failed test.</summary>
    public static async Task<NodeTestRun> RunNodeTestsAsync(string file, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        await EnsureBuiltAsync();
        var (exitCode, output) = await RunAsync("node", ["--import", "tsx", "--test", "--test-reporter=spec", file], environment, timeout ?? TimeSpan.FromMinutes(5));
        return new NodeTestRun(file, exitCode, output);
    }

    /// <summary>Starts <c>next start</c> on the build; the caller stops it (with its children).</summary>
    public static Process StartServer(int port, IReadOnlyDictionary<string, string> environment, StringBuilder log)
    {
        var info = Info(Path.Combine(Directory, "node_modules", ".bin", "next"), ["start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hostname", "127.0.0.1"], environment);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunBuildAsync()
    {
        var (exitCode, output) = await RunAsync("bash", ["scripts/build.sh"], null, TimeSpan.FromMinutes(10));
        if (exitCode != 0) throw new InvalidOperationException($"the storefront's build failed ({exitCode}):\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var output = new StringBuilder();
        using var process = Process.Start(Info(program, arguments, environment))!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append(output, $"{program} {string.Join(' ', arguments)}: stopped after {timeout}");
            return (-1, Read(output));
        }

        // WaitForExitAsync returns once the streams are drained too.
        return (process.ExitCode, Read(output));
    }

    private static ProcessStartInfo Info(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["NEXT_TELEMETRY_DISABLED"] = "1";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string Read(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SpaceOfSport.sln"))) return Path.Combine(folder.FullName, "services", "storefront");
        }

        throw new InvalidOperationException($"no SpaceOfSport.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>What one node test file printed, and whether it passed.</summary>
public sealed record NodeTestRun(string File, int ExitCode, string Output)
{
    public bool Passed => ExitCode == 0;

    /// <summary>The spec reporter marks each failed test with ✖; the list names them, the output says why.</summary>
    public IReadOnlyList<string> FailedTests =>
        Output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('✖')).Distinct().ToList();

    public override string ToString() =>
        Passed ? $"{File}: passed" : $"{File} failed (exit {ExitCode}): {string.Join("; ", FailedTests)}\n{Output}";
}
