using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts.Inventory.V1;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// Inventory's reservations (gRPC through Dapr's proxying, app-id inventory), one per order: its id is the order id, so
/// every call is idempotent and a retried step never holds stock twice. Transient failures throw, for the workflow's
/// retry policy; the answers that settle the question are returned.
/// </summary>
public sealed class StockClient(InventoryClient inventory)
{
    public const string AppId = "inventory";

    /// <summary>Holds every line or none: null when reserved, else the SKUs that were short (or unknown).</summary>
    public async Task<IReadOnlyList<string>?> ReserveAsync(Guid orderId, IEnumerable<(string Sku, int Quantity)> lines, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var request = new ReserveRequest { ReservationId = orderId.ToString(), Ttl = Duration.FromTimeSpan(ttl) };
        request.Lines.AddRange(lines.Select(l => new ReservationLine { Sku = l.Sku, Quantity = l.Quantity }));
        try
        {
            await inventory.ReserveAsync(request, cancellationToken: cancellationToken);
            return null;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.FailedPrecondition)
        {
            var trailer = exception.Trailers.GetValue(ShortSkusTrailer) ?? "";
            return trailer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            // "unknown SKU: a, b": the catalog sells what inventory never heard of, so none can be had.
            var named = exception.Status.Detail.Split(':', 2) is [_, var list] ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            return named.Length > 0 ? named : [.. request.Lines.Select(l => l.Sku)];
        }
    }

    /// <summary>The reserved units leave stock: false when the reservation is gone (expired or released) and cannot be.</summary>
    public async Task<bool> CommitAsync(Guid orderId, CancellationToken cancellationToken)
    {
        try
        {
            await inventory.CommitAsync(new CommitRequest { ReservationId = orderId.ToString() }, cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// The units come back. Done as well when there is nothing to release (never reserved, already released or expired);
    /// false only when the reservation was committed (the units left with a paid order).
    /// </summary>
    public async Task<bool> ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await inventory.ReleaseAsync(new ReleaseRequest { ReservationId = orderId.ToString() }, cancellationToken: cancellationToken);
            return answer.Reservation.Status != ReservationStatus.Committed;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            return true;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.FailedPrecondition)
        {
            return !exception.Status.Detail.Contains("committed", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Units back on hand at <paramref name="location"/>, once per <paramref name="restockId"/>: asked again (a retry after
    /// a crash), inventory puts nothing back a second time. Inventory not answering is <see cref="DependencyUnavailableException"/>.
    /// </summary>
    public async Task RestockAsync(string restockId, string location, IEnumerable<(string Sku, int Quantity)> lines, string reason, CancellationToken cancellationToken)
    {
        var request = new RestockRequest { RestockId = restockId, Location = location, Reason = reason };
        request.Lines.AddRange(lines.Select(l => new ReservationLine { Sku = l.Sku, Quantity = l.Quantity }));
        try
        {
            await inventory.RestockAsync(request, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            throw new DependencyUnavailableException(AppId, exception);
        }
    }

    /// <summary>Where units the shop gets back are put: the main warehouse.</summary>
    public const string MainLocation = "main";

    private const string ShortSkusTrailer = "short-skus";
}
