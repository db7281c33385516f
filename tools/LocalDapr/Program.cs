using LocalDapr.Components;
using LocalDapr.Hosting;

// local-dapr: runs a Dapr multi-app run file without daprd. See tools/LocalDapr/README.md.
//   dotnet run --project tools/LocalDapr [-- [-f dapr.yaml] [--profile embedded|local] [--resources-path DIR]... [--no-build]]
//   Which components: see Hosting/ResourcesChoice.cs.
var runFile = "dapr.yaml";
string? profile = null;
var resources = new List<string>();
var build = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "-f" or "--run-file" when i + 1 < args.Length: runFile = args[++i]; break;
        case "--profile" when i + 1 < args.Length: profile = args[++i]; break;
        case "--resources-path" when i + 1 < args.Length: resources.Add(args[++i]); break;
        case "--no-build": build = false; break;
        case "run": break;
        default:
            await Console.Error.WriteLineAsync($"error: unknown argument '{args[i]}'");
            return 2;
    }
}

// Explicit --resources-path, then --profile, then the embedded profile for the shop's own run file, then the run file's resourcesPaths.
var chosenResources = ResourcesChoice.Resolve(runFile, profile, resources);

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(o => o.SingleLine = true)
    .SetMinimumLevel(LogLevel.Information)
    // The sidecars' proxying (YARP) and gRPC plumbing log every call at Information: a person reads only what went wrong.
    .AddFilter("Microsoft", LogLevel.Warning)
    .AddFilter("Yarp", LogLevel.Warning)
    .AddFilter("Grpc", LogLevel.Warning));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});

try
{
    return await new Launcher(new LauncherOptions(runFile, chosenResources, build, "gateway"), Console.Out, loggerFactory).RunAsync(stop.Token);
}
catch (ResourceLoadException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}

/// <summary>The launcher is not a web app for tests to host: keep its entry point internal, so service tests can name their own <c>Program</c>.</summary>
internal partial class Program;
