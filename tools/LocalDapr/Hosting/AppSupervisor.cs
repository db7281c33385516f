namespace LocalDapr.Hosting;

/// <summary>
/// Keeps one app of the run file running, as Kubernetes restarts a crashed container: when the app exits (whatever its
/// code), it is started again after a back-off that doubles with each exit in a row (up to a cap), and reported on the
/// console; after <see cref="LauncherOptions.MaxRestarts"/> exits in a row the supervisor gives up and asks the
/// launcher to stop everything. An app that ran for <see cref="LauncherOptions.StableRunTime"/> starts a new count.
/// </summary>
public sealed class AppSupervisor(RunFileApp app, IReadOnlyDictionary<string, string> environment, LauncherOptions options, TextWriter output, Action<string> say)
{
    private readonly Lock _gate = new();
    private AppProcess? _current;
    private Task _running = Task.CompletedTask;

    public bool GaveUp { get; private set; }

    /// <summary>Starts the app now; <paramref name="giveUp"/> is cancelled when the app keeps crashing.</summary>
    public void Start(CancellationTokenSource giveUp)
    {
        var first = AppProcess.Start(app, environment, output);
        lock (_gate) _current = first;
        _running = Task.Run(() => SuperviseAsync(first, giveUp), CancellationToken.None);
    }

    /// <summary>Stops the app (SIGTERM, then a kill after the grace period) and its supervision.</summary>
    public async Task StopAsync()
    {
        await _running;
        AppProcess? current;
        lock (_gate) current = _current;
        if (current is not null) await current.DisposeAsync();
    }

    private async Task SuperviseAsync(AppProcess process, CancellationTokenSource giveUp)
    {
        var stop = giveUp.Token;
        var crashesInARow = 0;
        var startedAt = DateTimeOffset.UtcNow;
        try
        {
            while (true)
            {
                var code = await process.Exited.WaitAsync(stop);
                crashesInARow = DateTimeOffset.UtcNow - startedAt >= options.StableRunTime ? 1 : crashesInARow + 1;
                if (crashesInARow > options.MaxRestarts)
                {
                    say($"app '{app.AppId}' exited with code {code}, {crashesInARow} times in a row; giving up and stopping the others");
                    GaveUp = true;
                    await giveUp.CancelAsync();
                    return;
                }

                var delay = Backoff(crashesInARow);
                say($"app '{app.AppId}' exited with code {code}; restarting it in {delay.TotalSeconds:0.#}s (restart {crashesInARow} of at most {options.MaxRestarts} in a row)");
                await Task.Delay(delay, stop);
                await process.DisposeAsync();
                process = AppProcess.Start(app, environment, output);
                startedAt = DateTimeOffset.UtcNow;
                lock (_gate) _current = process;
                say($"app '{app.AppId}' restarted");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The launcher stops.
        }
    }

    private TimeSpan Backoff(int crashesInARow)
    {
        var delay = options.FirstRestartDelay * Math.Pow(2, crashesInARow - 1);
        return delay < options.MaxRestartDelay ? delay : options.MaxRestartDelay;
    }
}
