using System.Globalization;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// <c>Idempotency-Key</c> records in the Dapr state store (<c>statestore</c>), kept 24 hours (<c>ttlInSeconds</c>). The
/// first request with a key claims it by a first-write save naming the order id it will create; a retry (even a
/// concurrent one) finds the record and the same order id, so however many arrive, one order exists. A record holds
/// the request's fingerprint: the same key with another body is refused.
/// </summary>
public sealed class IdempotencyRecords(DaprClient dapr)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    /// <summary>The record for (<paramref name="scope"/>, <paramref name="key"/>): this request's claim, or the one already there.</summary>
    public async Task<IdempotencyRecord> ClaimAsync(string scope, string key, string fingerprint, Guid newOrderId, CancellationToken cancellationToken)
    {
        var stateKey = $"ordering-idempotency-{scope}-{key}";
        var claim = new IdempotencyRecord(fingerprint, newOrderId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await dapr.GetStateAsync<IdempotencyRecord?>(DaprComponents.StateStore, stateKey, cancellationToken: cancellationToken);
                if (existing is not null) return existing;
                // First-write without an ETag only creates: of two racing first requests exactly one saves.
                await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore,
                [
                    new StateTransactionRequest(stateKey, JsonSerializer.SerializeToUtf8Bytes(claim, Json), StateOperationType.Upsert,
                        options: new StateOptions { Concurrency = ConcurrencyMode.FirstWrite },
                        metadata: new Dictionary<string, string> { ["ttlInSeconds"] = ((int)Retention.TotalSeconds).ToString(CultureInfo.InvariantCulture) }),
                ], cancellationToken: cancellationToken);
                return claim;
            }
            catch (DaprException exception) when (IsConcurrencyConflict(exception) && attempt < 5)
            {
                // Another request with this key saved first: read its record.
            }
            catch (DaprException exception)
            {
                throw new DependencyUnavailableException(DaprComponents.StateStore, exception);
            }
        }
    }

    private static bool IsConcurrencyConflict(DaprException exception) =>
        exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition };
}

public sealed record IdempotencyRecord(string Fingerprint, Guid OrderId);
