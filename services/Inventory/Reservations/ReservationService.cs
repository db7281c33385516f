using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.Inventory.Data;
using SpaceOfSport.Inventory.Stock;

namespace SpaceOfSport.Inventory.Reservations;

/// <summary>
/// Reserve, commit, release and expire. Stock never goes negative or oversold whatever the concurrency: every change is
/// an atomic conditional UPDATE (<c>reserved = reserved + q WHERE on_hand - reserved &gt;= q</c>) inside one transaction
/// per reservation, so either all lines hold or none, and a CHECK constraint backs the invariant in the database.
/// </summary>
public sealed class ReservationService(InventoryDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(1);

    public async Task<Reservation> ReserveAsync(string reservationId, IReadOnlyList<ReservationRequestLine> lines, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        Validate(reservationId, lines, ttl);

        // Idempotency: the same id again gets the first answer (a concurrent duplicate loses the insert and lands here too).
        for (var attempt = 0; ; attempt++)
        {
            if (await FindAsync(reservationId, cancellationToken) is { } existing) return SameOrConflict(existing, lines);
            try
            {
                return await ReserveNewAsync(reservationId, lines, ttl ?? DefaultTtl, cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt == 0 && exception.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Reservation> ReserveNewAsync(string reservationId, IReadOnlyList<ReservationRequestLine> lines, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var skus = lines.Select(l => l.Sku).ToList();
        var known = await db.Stock.Where(i => skus.Contains(i.Sku)).Select(i => i.Sku).Distinct().ToListAsync(cancellationToken);
        var unknown = skus.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw InventoryErrors.UnknownSkus(unknown);

        // Whole milliseconds: what both databases store exactly, so a repeated reserve answers byte for byte the same.
        var now = clock.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var reservation = new Reservation { Id = reservationId, Status = ReservationStatus.Pending, CreatedAt = now, ExpiresAt = now + ttl };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claim the id first: a concurrent reserve with the same id waits here, then fails on the key.
        db.Reservations.Add(reservation);
        await db.SaveChangesAsync(cancellationToken);
        await db.LockSkusAsync(skus, cancellationToken);

        var shortSkus = new List<string>();
        // Row locks in SKU order too, though holding every SKU's lock no other stock change can contend for these rows.
        foreach (var line in lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            var location = await TryHoldAsync(line, cancellationToken);
            if (location is null)
            {
                shortSkus.Add(line.Sku);
                continue;
            }
            reservation.Lines.Add(new ReservationLine { ReservationId = reservationId, Sku = line.Sku, Location = location, Quantity = line.Quantity });
            await StockEvents.RecordAsync(db, clock, line.Sku, location, -line.Quantity, "reserved", cancellationToken);
        }
        if (shortSkus.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw InventoryErrors.ShortStock(shortSkus);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reservation;
    }

    /// <summary>Holds the line at the location with the most available that can serve all of it; null when none can.</summary>
    private async Task<string?> TryHoldAsync(ReservationRequestLine line, CancellationToken cancellationToken)
    {
        var candidates = await db.Stock.AsNoTracking()
            .Where(i => i.Sku == line.Sku && i.OnHand - i.Reserved >= line.Quantity)
            .OrderByDescending(i => i.OnHand - i.Reserved).ThenBy(i => i.Location)
            .Select(i => i.Location)
            .ToListAsync(cancellationToken);
        foreach (var location in candidates)
        {
            // The condition is evaluated on the current row under its write lock: a concurrent reserve that took the
            // last units makes this match nothing, never go negative.
            var held = await db.Stock
                .Where(i => i.Sku == line.Sku && i.Location == location && i.OnHand - i.Reserved >= line.Quantity)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(i => i.Reserved, i => i.Reserved + line.Quantity)
                    .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
            if (held == 1) return location;
        }
        return null;
    }

    public Task<Reservation> CommitAsync(string reservationId, CancellationToken cancellationToken) =>
        FinishAsync(reservationId, ReservationStatus.Committed, cancellationToken);

    public Task<Reservation> ReleaseAsync(string reservationId, CancellationToken cancellationToken) =>
        FinishAsync(reservationId, ReservationStatus.Released, cancellationToken);

    /// <summary>Expires every pending reservation past its expiry; their units come back. Returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Pending && r.ExpiresAt <= now)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var id in due)
        {
            if (await TryFinishAsync(id, ReservationStatus.Expired, cancellationToken)) expired++;
        }
        return expired;
    }

    private async Task<Reservation> FinishAsync(string reservationId, ReservationStatus outcome, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reservationId)) throw InventoryErrors.InvalidArgument("reservation_id", "is required");
        var reservation = await FindAsync(reservationId, cancellationToken) ?? throw InventoryErrors.UnknownReservation(reservationId);
        if (reservation.Status == ReservationStatus.Pending && reservation.ExpiresAt <= clock.GetUtcNow())
        {
            // Past its time: expire it now rather than let a late commit take units the sweep is about to return.
            await TryFinishAsync(reservationId, ReservationStatus.Expired, cancellationToken);
            reservation = (await FindAsync(reservationId, cancellationToken))!;
        }
        else if (reservation.Status == ReservationStatus.Pending && await TryFinishAsync(reservationId, outcome, cancellationToken))
        {
            reservation.Status = outcome;
            return reservation;
        }
        else if (reservation.Status == ReservationStatus.Pending)
        {
            reservation = (await FindAsync(reservationId, cancellationToken))!;
        }

        if (reservation.Status == outcome) return reservation;
        throw InventoryErrors.FailedPrecondition($"reservation '{reservationId}' is {reservation.Status.ToString().ToLowerInvariant()}");
    }

    /// <summary>Moves a pending reservation to <paramref name="outcome"/> and settles its units; false if it was no longer pending.</summary>
    private async Task<bool> TryFinishAsync(string reservationId, ReservationStatus outcome, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on Pending: of two racing finishers, exactly one settles the units.
        var changed = await db.Reservations
            .Where(r => r.Id == reservationId && r.Status == ReservationStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, outcome), cancellationToken);
        if (changed == 0) return false;

        var lines = await db.ReservationLines.AsNoTracking().Where(l => l.ReservationId == reservationId)
            .OrderBy(l => l.Sku).ToListAsync(cancellationToken);
        await db.LockSkusAsync(lines.Select(l => l.Sku), cancellationToken);
        foreach (var line in lines)
        {
            var stock = db.Stock.Where(i => i.Sku == line.Sku && i.Location == line.Location && i.Reserved >= line.Quantity);
            var settled = outcome == ReservationStatus.Committed
                ? await stock.ExecuteUpdateAsync(set => set
                    .SetProperty(i => i.OnHand, i => i.OnHand - line.Quantity)
                    .SetProperty(i => i.Reserved, i => i.Reserved - line.Quantity)
                    .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken)
                : await stock.ExecuteUpdateAsync(set => set
                    .SetProperty(i => i.Reserved, i => i.Reserved - line.Quantity)
                    .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
            if (settled != 1) throw new InvalidOperationException($"stock of {line.Sku} at {line.Location} does not hold reservation {reservationId}");
            var reason = outcome.ToString().ToLowerInvariant();
            await StockEvents.RecordAsync(db, clock, line.Sku, line.Location, outcome == ReservationStatus.Committed ? 0 : line.Quantity, reason, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private Task<Reservation?> FindAsync(string reservationId, CancellationToken cancellationToken) =>
        db.Reservations.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken);

    private static Reservation SameOrConflict(Reservation existing, IReadOnlyList<ReservationRequestLine> lines)
    {
        var held = existing.Lines.Select(l => (l.Sku, l.Quantity)).Order();
        var asked = lines.Select(l => (l.Sku, l.Quantity)).Order();
        if (held.SequenceEqual(asked)) return existing;
        throw InventoryErrors.AlreadyExists($"reservation '{existing.Id}' already exists with different lines");
    }

    private static void Validate(string reservationId, IReadOnlyList<ReservationRequestLine> lines, TimeSpan? ttl)
    {
        if (string.IsNullOrWhiteSpace(reservationId)) throw InventoryErrors.InvalidArgument("reservation_id", "is required");
        if (reservationId.Length > Reservation.MaxIdLength) throw InventoryErrors.InvalidArgument("reservation_id", $"must be at most {Reservation.MaxIdLength} characters");
        if (lines.Count == 0) throw InventoryErrors.InvalidArgument("lines", "at least one line is required");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i].Sku)) throw InventoryErrors.InvalidArgument($"lines[{i}].sku", "is required");
            if (lines[i].Quantity <= 0) throw InventoryErrors.InvalidArgument($"lines[{i}].quantity", "must be greater than 0");
            if (!seen.Add(lines[i].Sku)) throw InventoryErrors.InvalidArgument($"lines[{i}].sku", $"'{lines[i].Sku}' appears twice");
        }
        if (ttl is { } t && (t <= TimeSpan.Zero || t > MaxTtl)) throw InventoryErrors.InvalidArgument("ttl", $"must be between 0 and {MaxTtl.TotalHours:0} hours");
    }
}
