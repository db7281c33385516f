using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Audit.Data;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Audit.Checkpoints;

/// <summary>Signs the ledger's current head, when it moved since the last checkpoint.</summary>
public sealed class CheckpointWriter(AuditDbContext db, CheckpointKeys keys, TimeProvider clock)
{
    /// <summary>The new checkpoint, or null when the head already has one (or the ledger is empty).</summary>
    public async Task<Checkpoint?> CheckpointHeadAsync(CancellationToken cancellationToken)
    {
        var head = await db.Entries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (head is null || await db.Checkpoints.AnyAsync(c => c.Sequence == head.Sequence, cancellationToken)) return null;

        var (keyId, key) = await keys.SigningKeyAsync(cancellationToken);
        var signedAt = Ledger.EntryHashing.ToMilliseconds(clock.GetUtcNow());
        var checkpoint = new Checkpoint
        {
            Sequence = head.Sequence,
            HeadHash = head.Hash,
            SignedAt = signedAt,
            KeyId = keyId,
            Jws = CheckpointSigning.Sign(head.Sequence, head.Hash, signedAt, keyId, key),
        };
        db.Checkpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return checkpoint;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return null; // another replica signed the same head first
        }
    }
}
