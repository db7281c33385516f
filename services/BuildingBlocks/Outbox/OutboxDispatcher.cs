using System.Text;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.BuildingBlocks.Outbox;

/// <summary>
/// Publishes pending outbox rows of <typeparamref name="TDbContext"/> through Dapr pub/sub, in
/// <see cref="OutboxMessage.Sequence"/> order, and marks each one sent once the sidecar accepted it. A failure stops
/// the batch (so order holds) and is retried after <see cref="OutboxOptions.RetryDelay"/>. Delivery is at least once:
/// a crash between publish and mark publishes the row again with the same CloudEvent id. At most once per
/// <see cref="OutboxOptions.PruneInterval"/> it also deletes rows sent more than <see cref="OutboxOptions.Retention"/> ago.
/// </summary>
public sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    DaprClient dapr,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly OutboxOptions _options = options.Value;

    /// <summary>The first pass prunes at start; then every <see cref="OutboxOptions.PruneInterval"/>.</summary>
    private DateTimeOffset _nextPruneAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool failed;
            try
            {
                failed = !await PublishPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDispatchFailed(exception);
                failed = true;
            }
            await PruneIfDueAsync(stoppingToken);
            try
            {
                if (failed) await Task.Delay(_options.RetryDelay, stoppingToken);
                else await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes every pending row; false when one failed (the rest wait for the retry).</summary>
    public async Task<bool> PublishPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var batch = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.SentAt == null)
                .OrderBy(m => m.Sequence)
                .Take(_options.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) return true;

            var published = new List<long>(batch.Count);
            OutboxMessage? failed = null;
            foreach (var message in batch)
            {
                if (!await TryPublishAsync(message, cancellationToken))
                {
                    failed = message;
                    break;
                }
                published.Add(message.Sequence);
            }
            // One write for the whole batch: a database busy with the service's own transactions sees few extra writers.
            if (published.Count > 0)
            {
                var sentAt = clock.GetUtcNow();
                await db.Set<OutboxMessage>().Where(m => published.Contains(m.Sequence))
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, sentAt), cancellationToken);
            }
            if (failed is not null)
            {
                await db.Set<OutboxMessage>().Where(m => m.Sequence == failed.Sequence)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
                return false;
            }
            if (batch.Count < _options.BatchSize) return true;
        }
    }

    /// <summary>
    /// Deletes the rows sent before now − <see cref="OutboxOptions.Retention"/>, <see cref="OutboxOptions.PruneBatchSize"/>
    /// per statement, and returns how many. A pending row is never deleted, however old.
    /// </summary>
    public async Task<int> PruneSentAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - _options.Retention;
        var pruned = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            // Oldest first, along the (sent_at, sequence) index.
            var deleted = await db.Set<OutboxMessage>()
                .Where(m => m.SentAt != null && m.SentAt < cutoff)
                .OrderBy(m => m.SentAt).ThenBy(m => m.Sequence)
                .Take(_options.PruneBatchSize)
                .ExecuteDeleteAsync(cancellationToken);
            pruned += deleted;
            if (deleted < _options.PruneBatchSize) return pruned;
        }
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextPruneAt) return;
        _nextPruneAt = now + _options.PruneInterval;
        try
        {
            var pruned = await PruneSentAsync(cancellationToken);
            if (pruned > 0) LogPruned(pruned);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Publishing matters more: try again at the next interval.
            LogPruneFailed(exception);
        }
    }

    private async Task<bool> TryPublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // CloudEvent overrides (https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-cloudevents/):
        // the event id lets consumers deduplicate, the type is the contract's name.
        var metadata = new Dictionary<string, string>
        {
            ["cloudevent.id"] = message.EventId.ToString(),
            ["cloudevent.type"] = message.EventType,
        };
        try
        {
            await dapr.PublishByteEventAsync(_options.PubSubName, message.Topic, Encoding.UTF8.GetBytes(message.Payload),
                "application/json", metadata, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishFailed(exception, message.EventType, message.EventId, message.Attempts + 1);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Publishing {EventType} {EventId} failed (attempt {Attempt}); retrying")]
    private partial void LogPublishFailed(Exception exception, string eventType, Guid eventId, int attempt);

    [LoggerMessage(LogLevel.Information, "Deleted {Count} outbox rows sent before the retention period")]
    private partial void LogPruned(int count);

    [LoggerMessage(LogLevel.Warning, "Pruning sent outbox rows failed; trying again at the next interval")]
    private partial void LogPruneFailed(Exception exception);

    [LoggerMessage(LogLevel.Error, "The outbox dispatcher failed; retrying")]
    private partial void LogDispatchFailed(Exception exception);
}
