using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Audit.Data;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Audit.Ledger;

/// <summary>
/// Appends entries, one at a time, to the end of the one chain. Numbers stay gapless and the chain cannot fork however
/// many callers append at once: within a replica appends queue on a gate; across replicas PostgreSQL's transaction
/// advisory lock orders them (SQLite's file has one writer by itself); and should two writers ever read the same head,
/// the sequence's primary key lets only one insert the next number, and the other starts again from the new head.
/// </summary>
public sealed class LedgerWriter(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The advisory lock key appends take on PostgreSQL ("audit" in ASCII); any fixed number would do.</summary>
    private const long AppendLockKey = 0x6175646974;

    private const int MaxAttempts = 5;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The entry recording <paramref name="draft"/>: a new one, or the one already recorded for its source event id.</summary>
    public async Task<(LedgerEntry Entry, bool AlreadyRecorded)> AppendAsync(EntryDraft draft, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
                return await AppendInTransactionAsync(db, draft, cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation() && attempt < MaxAttempts)
            {
                // Another replica recorded the same source event or took the number first: read the head again.
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task<(LedgerEntry Entry, bool AlreadyRecorded)> AppendInTransactionAsync(AuditDbContext db, EntryDraft draft, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);

        if (await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.SourceEventId == draft.SourceEventId, cancellationToken) is { } recorded)
            return (recorded, true);

        var head = await db.Entries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = (head?.Sequence ?? 0) + 1;
        var previousHash = head?.Hash ?? EntryHashing.GenesisHash;
        var recordedAt = EntryHashing.ToMilliseconds(clock.GetUtcNow());
        var content = EntryHashing.CanonicalContent(sequence, recordedAt, draft.Actor, draft.Action, draft.Subject,
            draft.BeforeDigest, draft.AfterDigest, draft.SourceEventId);
        var entry = new LedgerEntry
        {
            Sequence = sequence,
            RecordedAt = recordedAt,
            Actor = draft.Actor,
            Action = draft.Action,
            Subject = draft.Subject,
            BeforeDigest = draft.BeforeDigest,
            AfterDigest = draft.AfterDigest,
            SourceEventId = draft.SourceEventId,
            PreviousHash = previousHash,
            Hash = EntryHashing.Compute(previousHash, content),
        };
        db.Entries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (entry, false);
    }
}
