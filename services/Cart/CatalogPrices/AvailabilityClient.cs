using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Contracts.Inventory.V1;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;

namespace SpaceOfSport.Cart.CatalogPrices;

/// <summary>
/// Units available per SKU from inventory's gRPC <c>GetAvailability</c>, called through the sidecar (Dapr gRPC proxying),
/// cached for <see cref="CartOptions.AvailabilityCacheTtl"/>. A SKU inventory does not know has nothing available; when
/// inventory cannot answer, availability is unknown (null) and the cart still answers.
/// </summary>
public sealed partial class AvailabilityClient(InventoryClient inventory, IOptions<CartOptions> options, TimeProvider clock, ILogger<AvailabilityClient> logger)
{
    public const string AppId = "inventory";

    private readonly ConcurrentDictionary<string, (long Available, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, long>?> GetAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var sku in skus.Distinct(StringComparer.Ordinal))
        {
            if (_cache.TryGetValue(sku, out var cached) && cached.Expires > now) result[sku] = cached.Available;
            else missing.Add(sku);
        }
        if (missing.Count == 0) return result;

        try
        {
            foreach (var (sku, available) in await FetchAsync(missing, cancellationToken))
            {
                result[sku] = available;
                _cache[sku] = (available, clock.GetUtcNow() + options.Value.AvailabilityCacheTtl);
            }
            return result;
        }
        catch (RpcException exception) when (exception.StatusCode != StatusCode.Cancelled)
        {
            LogUnavailable(logger, exception.Status.Detail);
            return null;
        }
    }

    private async Task<IEnumerable<(string Sku, long Available)>> FetchAsync(List<string> skus, CancellationToken cancellationToken)
    {
        var request = new GetAvailabilityRequest();
        request.Skus.AddRange(skus);
        try
        {
            var answer = await inventory.GetAvailabilityAsync(request, cancellationToken: cancellationToken);
            var known = answer.Items.ToDictionary(i => i.Sku, i => i.Available, StringComparer.Ordinal);
            return skus.Select(s => (s, known.GetValueOrDefault(s)));
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound && skus.Count > 1)
        {
            // One unknown SKU fails the whole call: ask one by one so the others still get their stock.
            var single = new List<(string, long)>();
            foreach (var sku in skus) single.AddRange(await FetchAsync([sku], cancellationToken));
            return single;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            return [(skus[0], 0L)];
        }
    }

    [LoggerMessage(LogLevel.Warning, "Inventory did not answer GetAvailability ({Detail}); availability shown as unknown")]
    private static partial void LogUnavailable(ILogger logger, string detail);
}
