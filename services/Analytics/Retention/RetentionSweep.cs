using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpaceOfSport.Analytics.Data;

namespace SpaceOfSport.Analytics.Retention;

/// <summary>
/// Deletes raw events older than <see cref="RetentionOptions.RawEvents"/> at start and then every
/// <see cref="RetentionOptions.SweepInterval"/> of <see cref="TimeProvider"/> time. Deleting the same old rows twice
/// is harmless, so every replica may sweep.
/// </summary>
public sealed partial class RetentionSweep(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionSweep> logger) : BackgroundService
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        var cutoff = clock.GetUtcNow() - options.Value.RawEvents;
        return await db.Events.Where(e => e.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await RunAsync(stoppingToken);
                if (deleted > 0) LogPruned(logger, deleted);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
            await Task.Delay(options.Value.SweepInterval, clock, stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} raw events past the retention window")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "The retention sweep failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
