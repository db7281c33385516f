using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts.Events.Cart;

namespace SpaceOfSport.Cart.Carts;

/// <summary>A cart read with the ETag its save must present (null: the key does not exist yet).</summary>
public sealed record StoredCart(string Key, CartDocument? Document, string? ETag);

/// <summary>
/// Carts in the Dapr state store, every write ETag-checked: a save that lost a race to another writer fails as a whole
/// and the caller reads again and re-applies its change (<see cref="CartOptions.SaveAttempts"/> times). A save that
/// announces something (<c>cart-changed</c> for a shopper's change, <c>cart-abandoned</c> from the sweep) goes through
/// the state store's outbox component for that event, with the event as the <c>outbox.projection</c> of the cart's
/// upsert: Dapr publishes it, at least once, if and only if the save commits. A cart enters the abandonment index
/// before the save that gives it lines and leaves it after the save that ends them: the sweep reads every listed cart
/// and passes over (and prunes) one with nothing to report, so an index running ahead or behind is harmless.
/// </summary>
public sealed partial class CartStore(DaprClient dapr, IOptions<CartOptions> options, TimeProvider clock, ILogger<CartStore> logger)
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public TimeProvider Clock => clock;

    public async Task<StoredCart> LoadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var (document, etag) = await dapr.GetStateAndETagAsync<CartDocument?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
            return new StoredCart(key, document, string.IsNullOrEmpty(etag) ? null : etag);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    /// <summary>A new cart (not saved): the caller's edit and save create it.</summary>
    public CartDocument NewCart(Guid? userId)
    {
        var now = clock.GetUtcNow();
        return new CartDocument { Id = Guid.CreateVersion7(now), UserId = userId, CreatedAt = now, UpdatedAt = now };
    }

    /// <summary>
    /// Applies <paramref name="edit"/> to the freshest cart until a save succeeds. The edit answers null to save, or an
    /// outcome to stop without saving (a rule refused the change). <paramref name="expectedVersion"/>, when given, must
    /// match the stored cart's version, otherwise nothing is saved and the outcome is <see cref="EditOutcome.Stale"/>.
    /// </summary>
    public async Task<(EditOutcome Outcome, CartDocument Cart)> EditAsync(
        string key, Guid? userId, long? expectedVersion, Func<CartDocument, EditOutcome?> edit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await LoadAsync(key, cancellationToken);
            var cart = stored.Document ?? NewCart(userId);
            if (expectedVersion is { } expected && expected != cart.Version) return (EditOutcome.Stale, cart);
            if (edit(cart) is { } refused) return (refused, cart);

            if (await TrySaveAsync([new CartWrite(stored, cart)], cancellationToken)) return (EditOutcome.Saved, cart);
            if (attempt >= options.Value.SaveAttempts) throw new DependencyUnavailableException("state store", new InvalidOperationException($"cart {key}: {attempt} saves lost to concurrent writers"));
        }
    }

    /// <summary>
    /// Saves the carts together (and deletes those whose new document is null), bumping versions and keeping the
    /// abandonment index in step. Each upsert that bumps the version announces <c>cart-changed</c>; one carrying
    /// <see cref="CartWrite.Abandoned"/> announces that instead; a transaction announces one kind of event or none.
    /// False when any ETag was stale (nothing saved, nothing announced).
    /// </summary>
    public async Task<bool> TrySaveAsync(IReadOnlyList<CartWrite> writes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var operations = new List<StateTransactionRequest>();
        var announcements = new List<(StateTransactionRequest? Projection, string? Outbox)>();
        var (entering, leaving) = (new List<string>(), new List<string>());
        foreach (var write in writes)
        {
            if (write.Cart is not { } cart)
            {
                if (write.Stored.Document is null) continue;
                operations.Add(new StateTransactionRequest(write.Stored.Key, null, StateOperationType.Delete, write.Stored.ETag));
                if (write.Stored.Document.Indexed) leaving.Add(write.Stored.Key);
                continue;
            }

            // Listed while it has lines whose abandonment is not yet out.
            var shouldBeIndexed = cart.Lines.Count > 0 && cart.Abandonment is not { Published: true };
            if (shouldBeIndexed && !cart.Indexed) entering.Add(write.Stored.Key);
            if (!shouldBeIndexed && cart.Indexed) leaving.Add(write.Stored.Key);
            cart.Indexed = shouldBeIndexed;
            if (write.BumpVersion)
            {
                cart.Version++;
                cart.UpdatedAt = now;
            }
            operations.Add(Upsert(write.Stored.Key, cart, write.Stored.ETag));

            announcements.Add(write.Abandoned is { } abandoned
                ? (IntegrationEventPublishing.OutboxProjection(write.Stored.Key, abandoned), DaprComponents.CartAbandonedOutbox)
                : write.BumpVersion ? (IntegrationEventPublishing.OutboxProjection(write.Stored.Key, Changed(cart)), DaprComponents.CartChangedOutbox)
                : (null, null));
        }

        // Through an outbox component every upsert is published: a transaction announces one kind of event for each of
        // its upserts, or nothing (and goes through the plain store).
        var outboxes = announcements.Select(a => a.Outbox).Distinct().ToList();
        if (outboxes.Count > 1) throw new InvalidOperationException("A cart transaction announces one kind of event for every cart it saves, or nothing.");
        var store = outboxes.SingleOrDefault() ?? DaprComponents.StateStore;

        if (operations.Count == 0) return true;
        await EditIndexAsync(entering, add: true, cancellationToken);
        try
        {
            await dapr.ExecuteStateTransactionAsync(store, [.. operations, .. announcements.Select(a => a.Projection).OfType<StateTransactionRequest>()],
                cancellationToken: cancellationToken);
        }
        catch (DaprException exception) when (IsConcurrencyConflict(exception))
        {
            return false;
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }

        try
        {
            await EditIndexAsync(leaving, add: false, cancellationToken);
        }
        catch (DependencyUnavailableException exception)
        {
            // Saved; the sweep prunes what is still listed.
            LogIndexNotUpdated(logger, exception, leaving.Count);
        }
        return true;
    }

    /// <summary>Takes carts off the abandonment index (the sweep found nothing to report on them).</summary>
    public Task PruneIndexAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => EditIndexAsync(keys, add: false, cancellationToken);

    /// <summary>Adds keys to (or removes them from) their index shards, each shard ETag-checked and retried.</summary>
    private async Task EditIndexAsync(IReadOnlyList<string> keys, bool add, CancellationToken cancellationToken)
    {
        foreach (var shardKeys in keys.GroupBy(CartKeys.IndexShardOf, StringComparer.Ordinal))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (shard, etag) = await dapr.GetStateAndETagAsync<CartIndexShard?>(DaprComponents.StateStore, shardKeys.Key, cancellationToken: cancellationToken);
                    shard ??= new CartIndexShard();
                    if (add ? shardKeys.All(shard.Carts.Contains) : !shardKeys.Any(shard.Carts.Contains)) break;
                    if (add) shard.Carts.UnionWith(shardKeys);
                    else shard.Carts.ExceptWith(shardKeys);
                    await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, [Upsert(shardKeys.Key, shard, string.IsNullOrEmpty(etag) ? null : etag)],
                        cancellationToken: cancellationToken);
                    break;
                }
                catch (DaprException exception) when (IsConcurrencyConflict(exception) && attempt < options.Value.SaveAttempts)
                {
                    // Another cart's save changed the shard: read it again.
                }
                catch (DaprException exception)
                {
                    throw new DependencyUnavailableException("state store", exception);
                }
            }
        }
    }

    /// <summary>Every cart key in the abandonment index.</summary>
    public async Task<IReadOnlyList<string>> IndexedCartsAsync(CancellationToken cancellationToken)
    {
        var keys = Enumerable.Range(0, CartKeys.IndexShards).Select(CartKeys.IndexShard).ToList();
        var items = await dapr.GetBulkStateAsync(DaprComponents.StateStore, keys, parallelism: 4, cancellationToken: cancellationToken);
        return [.. items.Where(i => !string.IsNullOrEmpty(i.Value))
            .SelectMany(i => JsonSerializer.Deserialize<CartIndexShard>(i.Value, Json)?.Carts ?? [])];
    }

    private static CartChanged Changed(CartDocument cart) => new()
    {
        CartId = cart.Id.ToString(),
        UserId = cart.UserId,
        Version = cart.Version,
        LineCount = cart.Lines.Count,
        TotalQuantity = cart.Lines.Sum(l => l.Quantity),
        OccurredAt = cart.UpdatedAt,
    };

    private static StateTransactionRequest Upsert<T>(string key, T value, string? etag) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, Json), StateOperationType.Upsert, etag,
            options: etag is null ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null);

    /// <summary>Dapr reports a stale or unexpected ETag as Aborted (or, for first-write on an existing key, the same).</summary>
    private static bool IsConcurrencyConflict(DaprException exception) =>
        exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition };

    [LoggerMessage(LogLevel.Warning, "{Count} carts saved but not taken off the abandonment index; the sweep prunes them")]
    private static partial void LogIndexNotUpdated(ILogger logger, Exception exception, int count);
}

/// <summary>
/// One cart in a save: as read (key, ETag) and as it should be (null: delete it). <see cref="BumpVersion"/>: a change
/// the shopper made (a new version, announced by cart-changed); <see cref="Abandoned"/>: the sweep's announcement.
/// </summary>
public sealed record CartWrite(StoredCart Stored, CartDocument? Cart, bool BumpVersion = true, CartAbandoned? Abandoned = null);

/// <summary>How an edit ended.</summary>
public abstract record EditOutcome
{
    public static readonly EditOutcome Saved = new SavedOutcome();

    public static readonly EditOutcome Stale = new StaleOutcome();

    public sealed record SavedOutcome : EditOutcome;

    public sealed record StaleOutcome : EditOutcome;

    /// <summary>404: what the caller asked about is not there (an unknown SKU, a line not in the cart).</summary>
    public sealed record NotFoundOutcome(string Detail) : EditOutcome;

    /// <summary>400 naming the field.</summary>
    public sealed record InvalidOutcome(string Field, string Message) : EditOutcome;

    /// <summary>422: a business rule refused it.</summary>
    public sealed record RuleOutcome(string Reason, string Detail) : EditOutcome;
}
