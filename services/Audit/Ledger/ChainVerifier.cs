using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Audit.Checkpoints;
using SpaceOfSport.Audit.Data;

namespace SpaceOfSport.Audit.Ledger;

/// <summary>What <see cref="ChainVerifier"/> found: every entry of the range sound, or the first that is not and why.</summary>
public sealed record VerificationResult(
    bool Ok,
    long EntriesChecked,
    long CheckpointsChecked,
    long? FirstBadSequence,
    string? Reason,
    long HeadSequence,
    string HeadHash);

/// <summary>
/// Recomputes the chain over a range of sequence numbers, in one pass in sequence order:
/// <list type="bullet">
/// <item>a missing number (a deleted entry), an entry whose previous hash is not its predecessor's hash (a reordered or
/// replaced entry), and an entry whose hash does not match its content (a modified entry) each name that entry;</item>
/// <item>a chain rewritten consistently, every hash recomputed (what only the database's owner could do), still
/// disagrees with the signed checkpoints: the first checkpoint whose head differs names the first entry after the last
/// checkpoint that held, since everything up to that one is vouched for by a signature;</item>
/// <item>a checkpoint whose signature fails, or that vouches for an entry the ledger no longer has, fails too.</item>
/// </list>
/// </summary>
public sealed class ChainVerifier(AuditDbContext db, CheckpointKeys keys)
{
    /// <summary>Entries read per round trip: bounded memory however long the range.</summary>
    private const int BatchSize = 2000;

    /// <summary>Verifies entries <paramref name="from"/> to <paramref name="to"/> (null: to the head).</summary>
    public async Task<VerificationResult> VerifyAsync(long from, long? to, CancellationToken cancellationToken)
    {
        from = Math.Max(from, 1);
        var head = await db.Entries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var headSequence = head?.Sequence ?? 0;
        var headHash = head?.Hash ?? EntryHashing.GenesisHash;
        var last = Math.Min(to ?? headSequence, headSequence);
        var checkpoints = await db.Checkpoints.AsNoTracking()
            .Where(c => c.Sequence >= from && (to == null || c.Sequence <= to)).OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
        var checkpointAt = checkpoints.ToDictionary(c => c.Sequence);

        long entriesChecked = 0, checkpointsChecked = 0;
        VerificationResult Broken(long sequence, string reason) =>
            new(false, entriesChecked, checkpointsChecked, sequence, reason, headSequence, headHash);

        var expectedPrevious = EntryHashing.GenesisHash;
        if (from > 1)
        {
            var before = await db.Entries.AsNoTracking().Where(e => e.Sequence == from - 1).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
            if (before is null) return Broken(from - 1, $"entry {from - 1} is missing");
            expectedPrevious = before;
        }

        // Everything up to here is vouched for by a checkpoint that held (or nothing yet).
        var vouchedUpTo = from - 1;
        var expectedSequence = from;
        while (expectedSequence <= last)
        {
            var batchStart = expectedSequence;
            var batch = await db.Entries.AsNoTracking().Where(e => e.Sequence >= batchStart && e.Sequence <= last)
                .OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) return Broken(expectedSequence, $"entry {expectedSequence} is missing");
            foreach (var entry in batch)
            {
                if (entry.Sequence != expectedSequence) return Broken(expectedSequence, $"entry {expectedSequence} is missing");
                if (entry.PreviousHash != expectedPrevious)
                    return Broken(entry.Sequence, $"entry {entry.Sequence} does not link to entry {entry.Sequence - 1}: its previous hash is not that entry's hash");
                if (EntryHashing.Compute(entry.PreviousHash, EntryHashing.CanonicalContent(entry)) != entry.Hash)
                    return Broken(entry.Sequence, $"entry {entry.Sequence} does not match its hash: its content was changed");
                entriesChecked++;

                if (checkpointAt.TryGetValue(entry.Sequence, out var checkpoint))
                {
                    if (await CheckpointProblemAsync(checkpoint, cancellationToken) is { } problem)
                        return Broken(vouchedUpTo + 1, $"checkpoint at entry {checkpoint.Sequence} {problem}");
                    if (checkpoint.HeadHash != entry.Hash)
                        return Broken(vouchedUpTo + 1,
                            $"entry {entry.Sequence} is not the entry checkpoint {checkpoint.Sequence} signed: the ledger after entry {vouchedUpTo} was rewritten");
                    checkpointsChecked++;
                    vouchedUpTo = entry.Sequence;
                }
                expectedPrevious = entry.Hash;
                expectedSequence++;
            }
        }

        if (checkpoints.FirstOrDefault(c => c.Sequence > last && c.Sequence > headSequence) is { } beyond)
            return Broken(headSequence + 1, $"checkpoint {beyond.Sequence} vouches for entries up to {beyond.Sequence}, but the ledger ends at {headSequence}: entries were removed");
        return new VerificationResult(true, entriesChecked, checkpointsChecked, null, null, headSequence, headHash);
    }

    private async Task<string?> CheckpointProblemAsync(Checkpoint checkpoint, CancellationToken cancellationToken) =>
        await keys.FindAsync(checkpoint.KeyId, cancellationToken) is { } key
            ? CheckpointSigning.Problem(checkpoint, key)
            : $"names key {checkpoint.KeyId}, which the secret store does not hold";
}
