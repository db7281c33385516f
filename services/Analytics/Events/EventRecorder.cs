using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Rollups;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Analytics.Events;

/// <summary>
/// Stores events once by id and adds them to the rollups in the same transaction: a redelivered or replayed event
/// changes nothing. <c>alsoApply</c> runs in that transaction for the new events only (stock-outs, co-purchases), so
/// every derived table counts each event exactly once too.
/// </summary>
public sealed class EventRecorder(AnalyticsDbContext db)
{
    private const int Attempts = 5;

    /// <summary>How many were new and how many were already recorded (or repeated in the batch).</summary>
    public readonly record struct Outcome(int Accepted, int Duplicates);

    public async Task<Outcome> RecordAsync(
        IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken, Func<AnalyticsDbContext, IReadOnlyList<RecordedEvent>, CancellationToken, Task>? alsoApply = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var ids = events.Select(e => e.Id).Distinct().ToList();
            var known = (await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
            var fresh = events.DistinctBy(e => e.Id).Where(e => !known.Contains(e.Id)).ToList();
            if (fresh.Count == 0) return new Outcome(0, events.Count);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.Events.AddRange(fresh);
                await db.SaveChangesAsync(cancellationToken);
                await RollupWriter.AddAsync(db, fresh, cancellationToken);
                if (alsoApply is not null) await alsoApply(db, fresh, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new Outcome(fresh.Count, events.Count - fresh.Count);
            }
            catch (Exception exception) when (attempt < Attempts && IsLostRace(exception))
            {
                // Another delivery of some of these events committed first (or held SQLite's write lock): decide again.
            }
        }
    }

    private static bool IsLostRace(Exception exception) =>
        exception is DbUpdateException update && update.IsUniqueViolation()
        || exception is SqliteException { SqliteErrorCode: 5 or 6 }
        || exception.InnerException is SqliteException { SqliteErrorCode: 5 or 6 };
}
