using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Contracts.Events.Cart;

namespace SpaceOfSport.Cart.Carts;

/// <summary>A cart read with the ETag its save must present (null: the key does not exist yet).</summary>
public sealed record StoredCart(string Key, CartDocument? Document, string? ETag);

/// <summary>
/// Carts in the Dapr state store, every write ETag-checked: a save that lost a race to another writer fails as a whole
/// and the caller reads again and re-applies its change (<see cref="CartOptions.SaveAttempts"/> times). A write that
/// moves a cart in or out of the abandonment index writes the index shard in the same state transaction.
/// After each successful save the cart's <c>cart-changed</c> event is published (see README: at least once is not
/// promised across a crash between the save and the publication; the event is a version hint).
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
    /// Saves the carts together (and deletes those whose new document is null), bumping versions, keeping the
    /// abandonment index in step, and publishing cart-changed for each saved cart. False when any ETag was stale.
    /// </summary>
    public async Task<bool> TrySaveAsync(IReadOnlyList<CartWrite> writes, CancellationToken cancellationToken, bool publishChanges = true)
    {
        var now = clock.GetUtcNow();
        var operations = new List<StateTransactionRequest>();
        var shardEdits = new Dictionary<string, (HashSet<string> Add, HashSet<string> Remove)>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            var shard = CartKeys.IndexShardOf(write.Stored.Key);
            if (!shardEdits.TryGetValue(shard, out var edits)) shardEdits[shard] = edits = (new(StringComparer.Ordinal), new(StringComparer.Ordinal));
            if (write.Cart is not { } cart)
            {
                if (write.Stored.Document is null) continue;
                operations.Add(new StateTransactionRequest(write.Stored.Key, null, StateOperationType.Delete, write.Stored.ETag));
                if (write.Stored.Document.Indexed) edits.Remove.Add(write.Stored.Key);
                continue;
            }

            // Listed while it has lines whose abandonment is not yet out.
            var shouldBeIndexed = cart.Lines.Count > 0 && cart.Abandonment is not { Published: true };
            if (shouldBeIndexed && !cart.Indexed) edits.Add.Add(write.Stored.Key);
            if (!shouldBeIndexed && cart.Indexed) edits.Remove.Add(write.Stored.Key);
            cart.Indexed = shouldBeIndexed;
            if (write.BumpVersion)
            {
                cart.Version++;
                cart.UpdatedAt = now;
            }
            operations.Add(Upsert(write.Stored.Key, cart, write.Stored.ETag));
        }

        foreach (var (shardKey, (add, remove)) in shardEdits.Where(e => e.Value.Add.Count + e.Value.Remove.Count > 0))
        {
            var (shard, etag) = await dapr.GetStateAndETagAsync<CartIndexShard?>(DaprComponents.StateStore, shardKey, cancellationToken: cancellationToken);
            shard ??= new CartIndexShard();
            shard.Carts.UnionWith(add);
            shard.Carts.ExceptWith(remove);
            operations.Add(Upsert(shardKey, shard, string.IsNullOrEmpty(etag) ? null : etag));
        }

        if (operations.Count == 0) return true;
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, operations, cancellationToken: cancellationToken);
        }
        catch (DaprException exception) when (IsConcurrencyConflict(exception))
        {
            return false;
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }

        if (publishChanges)
        {
            foreach (var cart in writes.Where(w => w.Cart is not null && w.BumpVersion).Select(w => w.Cart!)) await PublishChangedAsync(cart, cancellationToken);
        }
        return true;
    }

    /// <summary>Every cart key in the abandonment index.</summary>
    public async Task<IReadOnlyList<string>> IndexedCartsAsync(CancellationToken cancellationToken)
    {
        var keys = Enumerable.Range(0, CartKeys.IndexShards).Select(CartKeys.IndexShard).ToList();
        var items = await dapr.GetBulkStateAsync(DaprComponents.StateStore, keys, parallelism: 4, cancellationToken: cancellationToken);
        return [.. items.Where(i => !string.IsNullOrEmpty(i.Value))
            .SelectMany(i => JsonSerializer.Deserialize<CartIndexShard>(i.Value, Json)?.Carts ?? [])];
    }

    private async Task PublishChangedAsync(CartDocument cart, CancellationToken cancellationToken)
    {
        var changed = new CartChanged
        {
            CartId = cart.Id.ToString(),
            UserId = cart.UserId,
            Version = cart.Version,
            LineCount = cart.Lines.Count,
            TotalQuantity = cart.Lines.Sum(l => l.Quantity),
            OccurredAt = cart.UpdatedAt,
        };
        try
        {
            await dapr.PublishIntegrationEventAsync(changed, cancellationToken);
        }
        catch (DaprException exception)
        {
            // The cart is saved; the next change (or the client's own read) carries a newer version.
            LogPublishFailed(logger, exception, cart.Id, cart.Version);
        }
    }

    private static StateTransactionRequest Upsert<T>(string key, T value, string? etag) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, Json), StateOperationType.Upsert, etag,
            options: etag is null ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null);

    /// <summary>Dapr reports a stale or unexpected ETag as Aborted (or, for first-write on an existing key, the same).</summary>
    private static bool IsConcurrencyConflict(DaprException exception) =>
        exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition };

    [LoggerMessage(LogLevel.Warning, "Cart {CartId} version {Version} saved but cart-changed not published")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid cartId, long version);
}

/// <summary>One cart in a save: as read (key, ETag) and as it should be (null: delete it).</summary>
public sealed record CartWrite(StoredCart Stored, CartDocument? Cart, bool BumpVersion = true);

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
