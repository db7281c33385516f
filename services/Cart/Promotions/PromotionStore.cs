using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Cart.CatalogPrices;

namespace SpaceOfSport.Cart.Promotions;

/// <summary>
/// Promotions in the state store: one key per code, one per customer's usage of a code, an index of codes for the
/// staff list, and one marker per counted redemption. Every write is ETag-checked and the keys that change together
/// change in one state transaction, so a redemption is counted once however often its event is delivered.
/// </summary>
public sealed class PromotionStore(DaprClient dapr, TimeProvider clock)
{
    private const string IndexKey = "promotion-index";
    private const int Attempts = 20;
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    private static string KeyOf(string code) => $"promotion-{code}";

    private static string UsageKeyOf(string code, Guid userId) => $"promotion-usage-{code}-{userId:N}";

    private static string RedemptionKeyOf(Guid eventId, string code) => $"promotion-redeemed-{eventId:N}-{code}";

    public async Task<(Promotion? Promotion, string? ETag)> GetAsync(string code, CancellationToken cancellationToken)
    {
        var (promotion, etag) = await Guard(() => dapr.GetStateAndETagAsync<Promotion?>(DaprComponents.StateStore, KeyOf(code), cancellationToken: cancellationToken));
        return (promotion, string.IsNullOrEmpty(etag) ? null : etag);
    }

    public async Task<int> UsageAsync(string code, Guid userId, CancellationToken cancellationToken) =>
        (await Guard(() => dapr.GetStateAsync<PromotionUsage?>(DaprComponents.StateStore, UsageKeyOf(code, userId), cancellationToken: cancellationToken)))?.Count ?? 0;

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
    /// Counts one paid order's use of <paramref name="code"/> by <paramref name="userId"/>: the promotion's total, the
    /// customer's usage and the redemption marker in one transaction. False when this event was counted before (or
    /// the code no longer exists).
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
