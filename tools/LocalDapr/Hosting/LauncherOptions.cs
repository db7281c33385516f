namespace LocalDapr.Hosting;

/// <param name="RestartBackoff">Wait before the first restart of a crashed app; it doubles with each further crash in a row.</param>
/// <param name="MaxRestarts">Crashes in a row (each within <see cref="StableAfter"/> of its start) after which the launcher gives up.</param>
/// <param name="StableAfter">An app that ran this long before it exited starts a new count of crashes.</param>
public sealed record LauncherOptions(
    string RunFilePath,
    IReadOnlyList<string>? ResourcesPaths,
    bool Build,
    string EntryAppId,
    TimeSpan? RestartBackoff = null,
    int MaxRestarts = 5,
    TimeSpan? StableAfter = null,
    TimeSpan? StartLimit = null)
{
    public TimeSpan FirstRestartDelay => RestartBackoff ?? TimeSpan.FromSeconds(1);

    public TimeSpan MaxRestartDelay { get; } = TimeSpan.FromSeconds(30);

    public TimeSpan StableRunTime => StableAfter ?? TimeSpan.FromMinutes(1);

    /// <summary>
    /// The clock starts before the solution builds, and a cold first run also installs and builds the storefront
    /// (npm ci, next build): ten minutes by default.
    /// </summary>
    public TimeSpan AppStartLimit => StartLimit ?? TimeSpan.FromMinutes(10);
}
