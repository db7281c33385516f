using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Cart.Promotions;

/// <summary>
/// Promotions in the state store: one key per code, one per customer's usage of a code, an index of codes for the
/// staff list, one reservation per order, and one marker per redemption counted without a reservation. Every write is
/// ETag-checked and the keys that change together change in one state transaction, so a use is never taken beyond a
/// limit by concurrent orders and is counted once however often its event is delivered.
/// </summary>
public sealed class PromotionStore(DaprClient dapr, TimeProvider clock)
{
    private const string IndexKey = "promotion-index";
    private const int Attempts = 20;
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    private static string KeyOf(string code) => $"promotion-{code}";

    private static string UsageKeyOf(string code, Guid userId) => $"promotion-usage-{code}-{userId:N}";

    private static string RedemptionKeyOf(Guid eventId, string code) => $"promotion-redeemed-{eventId:N}-{code}";

    private static string ReservationKeyOf(Guid orderId) => $"promotion-reservation-{orderId:N}";

    public async Task<(Promotion? Promotion, string? ETag)> GetAsync(string code, CancellationToken cancellationToken)
    {
        var (promotion, etag) = await Guard(() => dapr.GetStateAndETagAsync<Promotion?>(DaprComponents.StateStore, KeyOf(code), cancellationToken: cancellationToken));
        return (promotion, string.IsNullOrEmpty(etag) ? null : etag);
    }

    /// <summary>The customer's uses of the code taken now: paid and held.</summary>
    public async Task<int> UsageAsync(string code, Guid userId, CancellationToken cancellationToken) =>
        (await Guard(() => dapr.GetStateAsync<PromotionUsage?>(DaprComponents.StateStore, UsageKeyOf(code, userId), cancellationToken: cancellationToken)))?.TakenAt(clock.GetUtcNow()) ?? 0;

    public async Task<PromotionReservation?> GetReservationAsync(Guid orderId, CancellationToken cancellationToken) =>
        await Guard(() => dapr.GetStateAsync<PromotionReservation?>(DaprComponents.StateStore, ReservationKeyOf(orderId), cancellationToken: cancellationToken));

    /// <summary>
    /// Takes one use of <paramref name="code"/> for the order, if the code allows one more now: the promotion's
    /// reserved count, the customer's usage and the reservation change in one ETag-checked transaction, so concurrent
    /// orders never take more uses than the limits allow. The use is held for <paramref name="ttl"/>: an order neither
    /// paid nor cancelled by then stops holding it (its reservation stays, and a late payment still counts the use).
    /// Holds that expired are pruned by the same write. The same order again gets its reservation as it stands.
    /// </summary>
    public async Task<(PromotionReservation? Reservation, ReservationRefusal? Refusal)> ReserveAsync(
        Guid orderId, string code, Guid? userId, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var reservationKey = ReservationKeyOf(orderId);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await GetReservationAsync(orderId, cancellationToken) is { } existing)
            {
                return existing.Code == code && existing.UserId == userId
                    ? (existing, null)
                    : (null, new ReservationRefusal(ReservationRefusalKind.AlreadyExists,
                        $"Order {orderId} has a reservation of code {existing.Code} for another code or customer."));
            }

            var (promotion, etag) = await GetAsync(code, cancellationToken);
            if (promotion is null || etag is null) return (null, new ReservationRefusal(ReservationRefusalKind.NotFound, $"There is no promotion code {code}."));
            var (usage, usageKey, usageETag) = userId is { } user ? await UsageWithETagAsync(code, user, cancellationToken) : (null, null, null);
            var now = clock.GetUtcNow();
            if (PromotionRules.CheckUsable(promotion, userId, usage?.TakenAt(now) ?? 0, now) is { } refusal)
                return (null, new ReservationRefusal(ReservationRefusalKind.RuleBroken, refusal.Detail, refusal.Reason));

            var expiresAt = now + ttl;
            PruneExpired(promotion.OpenReservations, now);
            promotion.OpenReservations[orderId] = expiresAt;
            promotion.UpdatedAt = now;
            var reservation = new PromotionReservation
            {
                OrderId = orderId,
                Code = code,
                UserId = userId,
                State = PromotionReservationState.Reserved,
                ReservedAt = now,
                UpdatedAt = now,
                ExpiresAt = expiresAt,
            };
            List<StateTransactionRequest> operations = [Upsert(KeyOf(code), promotion, etag), Upsert(reservationKey, reservation, null)];
            if (usage is not null)
            {
                PruneExpired(usage.OpenReservations, now);
                usage.OpenReservations[orderId] = expiresAt;
                operations.Add(Upsert(usageKey!, usage, usageETag));
            }
            if (await TryTransactAsync(operations, cancellationToken)) return (reservation, null);
        }
        throw Busy();
    }

    /// <summary>The order was paid: its reserved use becomes a counted one (again: no change).</summary>
    public Task<(PromotionReservation? Reservation, ReservationRefusal? Refusal)> ConfirmAsync(Guid orderId, CancellationToken cancellationToken) =>
        SettleAsync(orderId, PromotionReservationState.Confirmed, cancellationToken);

    /// <summary>The order was cancelled or failed: its reserved use is given back (again: no change).</summary>
    public Task<(PromotionReservation? Reservation, ReservationRefusal? Refusal)> ReleaseAsync(Guid orderId, CancellationToken cancellationToken) =>
        SettleAsync(orderId, PromotionReservationState.Released, cancellationToken);

    private async Task<(PromotionReservation? Reservation, ReservationRefusal? Refusal)> SettleAsync(
        Guid orderId, PromotionReservationState outcome, CancellationToken cancellationToken)
    {
        var reservationKey = ReservationKeyOf(orderId);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (reservation, reservationETag) = await Guard(() => dapr.GetStateAndETagAsync<PromotionReservation?>(DaprComponents.StateStore, reservationKey, cancellationToken: cancellationToken));
            if (reservation is null) return (null, new ReservationRefusal(ReservationRefusalKind.NotFound, $"Order {orderId} has no promotion reservation."));
            if (reservation.State == outcome) return (reservation, null);
            if (reservation.State != PromotionReservationState.Reserved)
            {
                var settled = reservation.State == PromotionReservationState.Confirmed ? PromotionReasons.Confirmed : PromotionReasons.Released;
                return (null, new ReservationRefusal(ReservationRefusalKind.RuleBroken,
                    $"Order {orderId}'s reservation of code {reservation.Code} was {settled} already.", settled));
            }

            var now = clock.GetUtcNow();
            reservation.State = outcome;
            reservation.UpdatedAt = now;
            List<StateTransactionRequest> operations = [Upsert(reservationKey, reservation, reservationETag)];
            // A code staff could never delete still exists; its counts move with the reservation. A hold that expired
            // (or was pruned) is simply not there any more; a payment that landed after it still counts the use.
            var (promotion, etag) = await GetAsync(reservation.Code, cancellationToken);
            if (promotion is not null && etag is not null)
            {
                promotion.OpenReservations.Remove(orderId);
                PruneExpired(promotion.OpenReservations, now);
                if (outcome == PromotionReservationState.Confirmed) promotion.TimesUsed++;
                promotion.UpdatedAt = now;
                operations.Add(Upsert(KeyOf(reservation.Code), promotion, etag));
            }
            if (reservation.UserId is { } user)
            {
                var (usage, usageKey, usageETag) = await UsageWithETagAsync(reservation.Code, user, cancellationToken);
                usage.OpenReservations.Remove(orderId);
                PruneExpired(usage.OpenReservations, now);
                if (outcome == PromotionReservationState.Confirmed) usage.Count++;
                operations.Add(Upsert(usageKey, usage, usageETag));
            }
            if (await TryTransactAsync(operations, cancellationToken)) return (reservation, null);
        }
        throw Busy();
    }

    private static void PruneExpired(Dictionary<Guid, DateTimeOffset> holds, DateTimeOffset now)
    {
        foreach (var (order, expiresAt) in holds.ToList())
        {
            if (expiresAt <= now) holds.Remove(order);
        }
    }

    private async Task<(PromotionUsage Usage, string Key, string? ETag)> UsageWithETagAsync(string code, Guid userId, CancellationToken cancellationToken)
    {
        var key = UsageKeyOf(code, userId);
        var (usage, etag) = await Guard(() => dapr.GetStateAndETagAsync<PromotionUsage?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken));
        return (usage ?? new PromotionUsage(), key, string.IsNullOrEmpty(etag) ? null : etag);
    }

    public async Task<IReadOnlyList<Promotion>> ListAsync(CancellationToken cancellationToken)
    {
        var index = await Guard(() => dapr.GetStateAsync<PromotionIndex?>(DaprComponents.StateStore, IndexKey, cancellationToken: cancellationToken));
        if (index is null || index.Codes.Count == 0) return [];
        var items = await Guard(() => dapr.GetBulkStateAsync(DaprComponents.StateStore, [.. index.Codes.Select(KeyOf)], parallelism: 4, cancellationToken: cancellationToken));
        return [.. items.Where(i => !string.IsNullOrEmpty(i.Value)).Select(i => JsonSerializer.Deserialize<Promotion>(i.Value, Json)!).OrderBy(p => p.Code, StringComparer.Ordinal)];
    }

    /// <summary>Creates the code; false when it exists already.</summary>
    public async Task<bool> TryCreateAsync(Promotion promotion, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if ((await GetAsync(promotion.Code, cancellationToken)).Promotion is not null) return false;
            var (index, indexETag) = await Guard(() => dapr.GetStateAndETagAsync<PromotionIndex?>(DaprComponents.StateStore, IndexKey, cancellationToken: cancellationToken));
            index ??= new PromotionIndex();
            index.Codes.Add(promotion.Code);
            if (await TryTransactAsync([Upsert(KeyOf(promotion.Code), promotion, null), Upsert(IndexKey, index, indexETag)], cancellationToken)) return true;
        }
        throw Busy();
    }

    /// <summary>Saves a changed promotion read with <paramref name="etag"/>; false when someone saved in between.</summary>
    public Task<bool> TryReplaceAsync(Promotion promotion, string etag, CancellationToken cancellationToken) =>
        TryTransactAsync([Upsert(KeyOf(promotion.Code), promotion, etag)], cancellationToken);

    /// <summary>
    /// Counts one paid order's use of <paramref name="code"/> by <paramref name="userId"/> when the order reserved none:
    /// the promotion's total, the customer's usage and the redemption marker in one transaction. False when this event
    /// was counted before (or the code no longer exists).
    /// </summary>
    public async Task<bool> RedeemAsync(Guid eventId, string code, Guid userId, CancellationToken cancellationToken)
    {
        var redemptionKey = RedemptionKeyOf(eventId, code);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (!string.IsNullOrEmpty(await Guard(() => dapr.GetStateAsync<string?>(DaprComponents.StateStore, redemptionKey, cancellationToken: cancellationToken)))) return false;
            var (promotion, etag) = await GetAsync(code, cancellationToken);
            if (promotion is null || etag is null) return false;
            var usageKey = UsageKeyOf(code, userId);
            var (usage, usageETag) = await Guard(() => dapr.GetStateAndETagAsync<PromotionUsage?>(DaprComponents.StateStore, usageKey, cancellationToken: cancellationToken));
            usage ??= new PromotionUsage();
            usage.Count++;
            promotion.TimesUsed++;
            promotion.UpdatedAt = clock.GetUtcNow();
            if (await TryTransactAsync(
                [
                    Upsert(KeyOf(code), promotion, etag),
                    Upsert(usageKey, usage, string.IsNullOrEmpty(usageETag) ? null : usageETag),
                    Upsert(redemptionKey, eventId.ToString("N"), null),
                ], cancellationToken)) return true;
        }
        throw Busy();
    }

    private async Task<bool> TryTransactAsync(IReadOnlyList<StateTransactionRequest> operations, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException exception) when (exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition })
        {
            return false;
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    private static StateTransactionRequest Upsert<T>(string key, T value, string? etag) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, Json), StateOperationType.Upsert, etag,
            options: etag is null ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null);

    private static DependencyUnavailableException Busy() =>
        new("state store", new InvalidOperationException("promotion writes kept losing to concurrent writers"));
}
