using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Notifications.Messages;

/// <summary>
/// Deliveries in the state store: each under its own key (claimed with first-write, then moved on with its ETag), and
/// listed in two capped indexes, the customer's (<c>deliveries-user-{userId}</c>) and everyone's latest
/// (<c>deliveries-recent</c>), for the delivery log.
/// </summary>
public sealed class DeliveryStore(DaprClient dapr)
{
    public const int UserLogSize = 100;
    public const int RecentLogSize = 500;
    private const string RecentKey = "deliveries-recent";
    private const int SaveAttempts = 20;
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static string Key(Guid eventId, Guid userId, string channel) => $"delivery-{eventId:N}-{userId:N}-{channel}";

    public async Task<(Delivery? Delivery, string? ETag)> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var (value, etag) = await dapr.GetStateAndETagAsync<Delivery?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
            return (value, string.IsNullOrEmpty(etag) ? null : etag);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    /// <summary>Saves the delivery if nobody changed it since <paramref name="etag"/> (null: if it does not exist yet); false when someone did.</summary>
    public async Task<bool> TrySaveAsync(string key, Delivery delivery, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is null)
            {
                var operation = new StateTransactionRequest(key, JsonSerializer.SerializeToUtf8Bytes(delivery, Json), StateOperationType.Upsert,
                    options: new StateOptions { Concurrency = ConcurrencyMode.FirstWrite });
                await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, [operation], cancellationToken: cancellationToken);
            }
            else if (!await dapr.TrySaveStateAsync(DaprComponents.StateStore, key, delivery, etag, cancellationToken: cancellationToken))
            {
                return false;
            }
        }
        catch (DaprException exception) when (exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition })
        {
            return false;
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }

        await IndexAsync(UserKey(delivery.UserId), delivery, UserLogSize, cancellationToken);
        await IndexAsync(RecentKey, delivery, RecentLogSize, cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<Delivery>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) => ListAsync(UserKey(userId), cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListRecentAsync(CancellationToken cancellationToken) => ListAsync(RecentKey, cancellationToken);

    private async Task<IReadOnlyList<Delivery>> ListAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await dapr.GetStateAsync<List<Delivery>?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken) is { } log
                ? [.. log.OrderByDescending(d => d.UpdatedAt)]
                : [];
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    /// <summary>Puts the delivery's latest state in a log (replacing its previous state there), keeping the newest <paramref name="size"/>.</summary>
    private async Task IndexAsync(string key, Delivery delivery, int size, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (log, etag) = await dapr.GetStateAndETagAsync<List<Delivery>?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
                log ??= [];
                log.RemoveAll(d => d.Id == delivery.Id);
                log.Add(delivery);
                if (log.Count > size) log = [.. log.OrderByDescending(d => d.UpdatedAt).Take(size)];
                if (string.IsNullOrEmpty(etag))
                {
                    var operation = new StateTransactionRequest(key, JsonSerializer.SerializeToUtf8Bytes(log, Json), StateOperationType.Upsert,
                        options: new StateOptions { Concurrency = ConcurrencyMode.FirstWrite });
                    await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, [operation], cancellationToken: cancellationToken);
                    return;
                }
                if (await dapr.TrySaveStateAsync(DaprComponents.StateStore, key, log, etag, cancellationToken: cancellationToken)) return;
            }
            catch (DaprException exception) when (exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition })
            {
                // Another delivery was logged at the same moment: read again.
            }
            catch (DaprException exception)
            {
                throw new DependencyUnavailableException("state store", exception);
            }
            if (attempt >= SaveAttempts) throw new DependencyUnavailableException("state store", new InvalidOperationException($"{key} stayed contended"));
        }
    }

    private static string UserKey(Guid userId) => $"deliveries-user-{userId:N}";
}
