using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Audit.Checkpoints;
using SpaceOfSport.Audit.Data;

namespace SpaceOfSport.Audit.Ledger;

/// <summary>Reads the ledger for auditors (gRPC and SOAP alike).</summary>
public sealed class LedgerReader(AuditDbContext db)
{
    /// <summary>A page of entries matching <paramref name="query"/>, and the sequence to continue after (null on the last page).</summary>
    public async Task<(IReadOnlyList<LedgerEntry> Entries, long? NextAfter)> QueryAsync(LedgerQuery query, CancellationToken cancellationToken)
    {
        var pageSize = query.PageSize == 0 ? LedgerQuery.DefaultPageSize : query.PageSize;
        var entries = db.Entries.AsNoTracking().Where(e => e.Sequence > query.AfterSequence);
        if (!string.IsNullOrEmpty(query.Actor)) entries = entries.Where(e => e.Actor == query.Actor);
        if (!string.IsNullOrEmpty(query.Subject)) entries = entries.Where(e => e.Subject == query.Subject);
        if (!string.IsNullOrEmpty(query.Action)) entries = entries.Where(e => e.Action == query.Action);
        if (query.From is { } from) entries = entries.Where(e => e.RecordedAt >= from);
        if (query.To is { } to) entries = entries.Where(e => e.RecordedAt < to);
        var page = await entries.OrderBy(e => e.Sequence).Take(pageSize + 1).ToListAsync(cancellationToken);
        return page.Count > pageSize ? (page[..pageSize], page[pageSize - 1].Sequence) : (page, null);
    }

    /// <summary>The newest checkpoint at or before <paramref name="atOrBefore"/> (0: the newest of all), or null.</summary>
    public Task<Checkpoint?> CheckpointAsync(long atOrBefore, CancellationToken cancellationToken) =>
        db.Checkpoints.AsNoTracking().Where(c => atOrBefore <= 0 || c.Sequence <= atOrBefore)
            .OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
}
