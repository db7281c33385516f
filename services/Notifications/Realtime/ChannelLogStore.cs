using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>A channel's numbering and its recent messages, one state-store key per channel.</summary>
public sealed class ChannelLog
{
    public long Sequence { get; set; }

    public List<ChannelMessage> Recent { get; set; } = [];
}

/// <summary>
/// Numbers every channel's messages in the state store, so all hub replicas (each receiving every event) agree on
/// the sequence: the first replica to append an event gives it the next number with an ETag-checked save; the others
/// find the event id already there and reuse its number. The recent messages serve clients that reconnect.
/// </summary>
public sealed class ChannelLogStore(DaprClient dapr, IOptions<HubSettings> settings)
{
    private const int SaveAttempts = 20;

    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static string Key(string channel) => $"hub-channel-{channel}";

    public async Task<ChannelMessage> AppendAsync(string channel, string type, Guid eventId, DateTimeOffset occurredAt, JsonElement data, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (log, etag) = await ReadWithETagAsync(channel, cancellationToken);
            if (log.Recent.Find(m => m.Id == eventId) is { } known) return known;

            var message = new ChannelMessage(channel, log.Sequence + 1, type, eventId, occurredAt, data);
            log.Sequence = message.Sequence;
            log.Recent.Add(message);
            var keep = Math.Max(1, settings.Value.RecentMessagesPerChannel);
            if (log.Recent.Count > keep) log.Recent.RemoveRange(0, log.Recent.Count - keep);
            if (await TrySaveAsync(channel, log, etag, cancellationToken)) return message;
            if (attempt >= SaveAttempts) throw new DependencyUnavailableException("state store", new InvalidOperationException($"channel {channel} stayed contended"));
        }
    }

    public async Task<ChannelLog> ReadAsync(string channel, CancellationToken cancellationToken) =>
        (await ReadWithETagAsync(channel, cancellationToken)).Log;

    private async Task<(ChannelLog Log, string? ETag)> ReadWithETagAsync(string channel, CancellationToken cancellationToken)
    {
        try
        {
            var (log, etag) = await dapr.GetStateAndETagAsync<ChannelLog?>(DaprComponents.StateStore, Key(channel), cancellationToken: cancellationToken);
            return (log ?? new ChannelLog(), string.IsNullOrEmpty(etag) ? null : etag);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    private async Task<bool> TrySaveAsync(string channel, ChannelLog log, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore,
                [new StateTransactionRequest(Key(channel), JsonSerializer.SerializeToUtf8Bytes(log, Json), StateOperationType.Upsert, etag,
                    options: etag is null ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null)],
                cancellationToken: cancellationToken);
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
}
