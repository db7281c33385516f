using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Notifications.Alerts;

/// <summary>One back-in-stock alert of a user: asked for at <see cref="CreatedAt"/>, sent at <see cref="NotifiedAt"/>.</summary>
public sealed record Alert(string Sku, DateTimeOffset CreatedAt, DateTimeOffset? NotifiedAt = null, Guid? NotifiedBy = null);

/// <summary>A user's alerts (key <c>alerts-user-{userId}</c>).</summary>
public sealed class UserAlerts
{
    public List<Alert> Alerts { get; set; } = [];
}

/// <summary>Who waits for a SKU (key <c>alerts-sku-{sku}</c>): user → the back-in-stock event that notified them, null while waiting.</summary>
public sealed class SkuWatchers
{
    public Dictionary<Guid, Guid?> Users { get; set; } = [];
}

public enum AlertOutcome { Created, AlreadyWaiting, LimitReached }

/// <summary>
/// Back-in-stock alerts in the state store: a user's list and the SKU's watchers change together in one
/// ETag-checked transaction, retried on a lost race, so the two never disagree.
/// </summary>
public sealed class AlertStore(DaprClient dapr, TimeProvider clock)
{
    public const int MaxAlertsPerUser = 50;
    private const int SaveAttempts = 20;
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public async Task<IReadOnlyList<Alert>> ListAsync(Guid user, CancellationToken cancellationToken) =>
        (await ReadAsync<UserAlerts>(UserKey(user), cancellationToken)).Value?.Alerts ?? [];

    public async Task<(AlertOutcome Outcome, Alert? Alert)> AddAsync(Guid user, string sku, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (alerts, alertsETag) = await ReadAsync<UserAlerts>(UserKey(user), cancellationToken);
            var (watchers, watchersETag) = await ReadAsync<SkuWatchers>(SkuKey(sku), cancellationToken);
            alerts ??= new UserAlerts();
            watchers ??= new SkuWatchers();
            var existing = alerts.Alerts.Find(a => a.Sku == sku);
            if (existing is { NotifiedAt: null }) return (AlertOutcome.AlreadyWaiting, existing);
            if (existing is null && alerts.Alerts.Count >= MaxAlertsPerUser) return (AlertOutcome.LimitReached, null);

            // A notified alert asked for again waits for the next time the SKU comes back.
            var alert = new Alert(sku, clock.GetUtcNow());
            alerts.Alerts.RemoveAll(a => a.Sku == sku);
            alerts.Alerts.Add(alert);
            watchers.Users[user] = null;
            if (await TrySaveAsync([(UserKey(user), alerts, alertsETag), (SkuKey(sku), watchers, watchersETag)], cancellationToken)) return (AlertOutcome.Created, alert);
            if (attempt >= SaveAttempts) throw Contended(sku);
        }
    }

    public async Task<bool> RemoveAsync(Guid user, string sku, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (alerts, alertsETag) = await ReadAsync<UserAlerts>(UserKey(user), cancellationToken);
            if (alerts?.Alerts.RemoveAll(a => a.Sku == sku) is null or 0) return false;
            var (watchers, watchersETag) = await ReadAsync<SkuWatchers>(SkuKey(sku), cancellationToken);
            watchers ??= new SkuWatchers();
            watchers.Users.Remove(user);
            if (await TrySaveAsync([(UserKey(user), alerts, alertsETag), (SkuKey(sku), watchers, watchersETag)], cancellationToken)) return true;
            if (attempt >= SaveAttempts) throw Contended(sku);
        }
    }

    /// <summary>
    /// The users a back-in-stock event <paramref name="eventId"/> is for: those still waiting, and those it already
    /// notified (another replica got there first: this one still tells its own connections).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RecipientsAsync(string sku, Guid eventId, CancellationToken cancellationToken)
    {
        var (watchers, _) = await ReadAsync<SkuWatchers>(SkuKey(sku), cancellationToken);
        return [.. (watchers?.Users ?? []).Where(w => w.Value is null || w.Value == eventId).Select(w => w.Key)];
    }

    /// <summary>Marks the waiting alerts of <paramref name="users"/> on <paramref name="sku"/> as notified by the event.</summary>
    public async Task MarkNotifiedAsync(string sku, IReadOnlyList<Guid> users, Guid eventId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (watchers, watchersETag) = await ReadAsync<SkuWatchers>(SkuKey(sku), cancellationToken);
            if (watchers is null) return;
            List<(string, object, string?)> writes = [];
            foreach (var user in users.Where(u => watchers.Users.TryGetValue(u, out var by) && by is null))
            {
                var (alerts, alertsETag) = await ReadAsync<UserAlerts>(UserKey(user), cancellationToken);
                if (alerts?.Alerts.FindIndex(a => a.Sku == sku && a.NotifiedAt is null) is not (>= 0 and var index)) continue;
                alerts.Alerts[index] = alerts.Alerts[index] with { NotifiedAt = at, NotifiedBy = eventId };
                watchers.Users[user] = eventId;
                writes.Add((UserKey(user), alerts, alertsETag));
            }

            if (writes.Count == 0) return;
            writes.Add((SkuKey(sku), watchers, watchersETag));
            if (await TrySaveAsync(writes, cancellationToken)) return;
            if (attempt >= SaveAttempts) throw Contended(sku);
        }
    }

    private static string UserKey(Guid user) => $"alerts-user-{user:D}";

    private static string SkuKey(string sku) => $"alerts-sku-{sku}";

    private async Task<(T? Value, string? ETag)> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var (value, etag) = await dapr.GetStateAndETagAsync<T?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
            return (value, string.IsNullOrEmpty(etag) ? null : etag);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    private async Task<bool> TrySaveAsync(IEnumerable<(string Key, object Value, string? ETag)> writes, CancellationToken cancellationToken)
    {
        var operations = writes.Select(w => new StateTransactionRequest(w.Key, JsonSerializer.SerializeToUtf8Bytes(w.Value, w.Value.GetType(), Json),
            StateOperationType.Upsert, w.ETag, options: w.ETag is null ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null)).ToList();
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

    private static DependencyUnavailableException Contended(string sku) =>
        new("state store", new InvalidOperationException($"alerts of {sku} stayed contended"));
}
