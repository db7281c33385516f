using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.State;

/// <summary>
/// A resources folder with one state store named <c>statestore</c> on the chosen backend, a runtime whose base
/// directory is that folder, and the apps a test starts on it.
/// </summary>
internal sealed class StateTestBed : IAsyncDisposable
{
    public const string StoreName = "statestore";

    private readonly List<DaprTestApp> _apps = [];

    private StateTestBed(ComponentsFolder folder)
    {
        Folder = folder;
        Runtime = LocalDaprRuntime.Create(baseDirectory: folder.Path);
    }

    public ComponentsFolder Folder { get; }

    public LocalDaprRuntime Runtime { get; private set; }

    public static TheoryData<string> Backends => new() { "in-memory", "sqlite", "redis" };

    public static StateTestBed Create(string backend)
    {
        var folder = ComponentsFolder.Create();
        folder.Write("statestore.yaml", backend switch
        {
            "in-memory" => Infrastructure.Backends.InMemoryState,
            // Relative on purpose: it resolves against the runtime's base directory, and the .data folder is created.
            "sqlite" => Infrastructure.Backends.SqliteState(".data/state.db"),
            "redis" => Infrastructure.Backends.RedisState,
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "unknown backend"),
        });
        return new StateTestBed(folder);
    }

    /// <summary>Starts an app with a sidecar; app-ids get a unique suffix since the Redis server is shared.</summary>
    public async Task<DaprTestApp> StartAppAsync(string appId = "state-app")
    {
        var app = await DaprTestApp.StartAsync(Runtime, $"{appId}-{Guid.NewGuid():N}"[..(appId.Length + 9)], Folder.Path);
        _apps.Add(app);
        return app;
    }

    /// <summary>Stops every app and the runtime (closing the stores), then starts a fresh runtime on the same folder.</summary>
    public async Task RestartRuntimeAsync()
    {
        await StopAsync();
        Runtime = LocalDaprRuntime.Create(baseDirectory: Folder.Path);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Folder.Dispose();
    }

    private async Task StopAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        _apps.Clear();
        await Runtime.DisposeAsync();
    }
}
