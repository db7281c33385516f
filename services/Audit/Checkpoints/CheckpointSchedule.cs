using Microsoft.Extensions.Options;

namespace SpaceOfSport.Audit.Checkpoints;

public sealed class CheckpointOptions
{
    public const string Section = "Audit:Checkpoints";

    /// <summary>How often the head is signed (when it moved). The window in which a rewrite of the newest entries goes unnoticed.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Every <see cref="CheckpointOptions.Interval"/>, signs the ledger's head; a failure is logged and tried at the next tick.</summary>
public sealed partial class CheckpointSchedule(IServiceScopeFactory scopes, IOptions<CheckpointOptions> options, TimeProvider clock, ILogger<CheckpointSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<CheckpointWriter>().CheckpointHeadAsync(stoppingToken) is { } checkpoint)
                        LogSigned(checkpoint.Sequence, checkpoint.KeyId);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(LogLevel.Information, "Signed a checkpoint of the ledger at entry {Sequence} with key {KeyId}")]
    private partial void LogSigned(long sequence, string keyId);

    [LoggerMessage(LogLevel.Warning, "Signing a checkpoint failed; trying again at the next interval")]
    private partial void LogFailed(Exception exception);
}
