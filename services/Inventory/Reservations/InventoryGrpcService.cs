using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Inventory.Stock;
using ProtoReservation = SpaceOfSport.Contracts.Inventory.V1.Reservation;
using ProtoReservationStatus = SpaceOfSport.Contracts.Inventory.V1.ReservationStatus;

namespace SpaceOfSport.Inventory.Reservations;

/// <summary>
/// <c>spaceofsport.inventory.v1.Inventory</c>: maps messages to the stock and reservation services. It lives with
/// reservations, the feature most of its methods serve (the cart and ordering reserve through it).
/// </summary>
public sealed class InventoryGrpcService(StockService stock, ReservationService reservations, ReservationQueries queries)
    : Contracts.Inventory.V1.Inventory.InventoryBase
{
    public override async Task<GetAvailabilityResponse> GetAvailability(GetAvailabilityRequest request, ServerCallContext context)
    {
        var availability = await stock.GetAvailabilityAsync(request.Skus, context.CancellationToken);
        var response = new GetAvailabilityResponse();
        foreach (var (sku, locations) in availability)
        {
            var item = new SkuAvailability
            {
                Sku = sku,
                OnHand = locations.Sum(l => l.OnHand),
                Reserved = locations.Sum(l => l.Reserved),
                Available = locations.Sum(l => l.Available),
            };
            item.Locations.AddRange(locations.Select(ToProto));
            response.Items.Add(item);
        }
        return response;
    }

    public override async Task<ReserveResponse> Reserve(ReserveRequest request, ServerCallContext context)
    {
        var lines = request.Lines.Select(l => new ReservationRequestLine(l.Sku, l.Quantity)).ToList();
        var reservation = await reservations.ReserveAsync(request.ReservationId, lines, request.Ttl?.ToTimeSpan(), context.CancellationToken);
        return new ReserveResponse { Reservation = ToProto(reservation) };
    }

    public override async Task<ReservationResponse> Commit(CommitRequest request, ServerCallContext context) =>
        new() { Reservation = ToProto(await reservations.CommitAsync(request.ReservationId, context.CancellationToken)) };

    public override async Task<ReservationResponse> Release(ReleaseRequest request, ServerCallContext context) =>
        new() { Reservation = ToProto(await reservations.ReleaseAsync(request.ReservationId, context.CancellationToken)) };

    [Authorize(Permissions.InventoryAdjust)]
    public override async Task<AdjustResponse> Adjust(AdjustRequest request, ServerCallContext context)
    {
        var item = await stock.AdjustAsync(request.Sku, request.Location, request.Delta, request.Reason, context.CancellationToken);
        return new AdjustResponse { Sku = item.Sku, Stock = ToProto(item) };
    }

    public override async Task<RestockResponse> Restock(RestockRequest request, ServerCallContext context)
    {
        var lines = request.Lines.Select(l => (l.Sku, l.Quantity)).ToList();
        var alreadyApplied = await stock.RestockAsync(request.RestockId, request.Location, lines, request.Reason, context.CancellationToken);
        return new RestockResponse { RestockId = request.RestockId, AlreadyApplied = alreadyApplied };
    }

    [Authorize(Permissions.InventoryAdjust)]
    public override async Task<ListReservationsResponse> ListReservations(ListReservationsRequest request, ServerCallContext context)
    {
        var status = request.Status == ProtoReservationStatus.Unspecified ? (ReservationStatus?)null : FromProto(request.Status);
        var (page, next) = await queries.ListAsync(status, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListReservationsResponse { NextPageToken = next ?? "" };
        response.Reservations.AddRange(page.Select(ToProto));
        return response;
    }

    private static LocationStock ToProto(StockItem item) =>
        new() { Location = item.Location, OnHand = item.OnHand, Reserved = item.Reserved, Available = item.Available };

    private static ProtoReservation ToProto(Reservation reservation)
    {
        var proto = new ProtoReservation
        {
            ReservationId = reservation.Id,
            Status = ToProto(reservation.Status),
            CreatedAt = Timestamp.FromDateTimeOffset(reservation.CreatedAt),
            ExpiresAt = Timestamp.FromDateTimeOffset(reservation.ExpiresAt),
        };
        proto.Lines.AddRange(reservation.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal)
            .Select(l => new Contracts.Inventory.V1.ReservationLine { Sku = l.Sku, Quantity = l.Quantity }));
        return proto;
    }

    private static ProtoReservationStatus ToProto(ReservationStatus status) => status switch
    {
        ReservationStatus.Pending => ProtoReservationStatus.Pending,
        ReservationStatus.Committed => ProtoReservationStatus.Committed,
        ReservationStatus.Released => ProtoReservationStatus.Released,
        ReservationStatus.Expired => ProtoReservationStatus.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static ReservationStatus FromProto(ProtoReservationStatus status) => status switch
    {
        ProtoReservationStatus.Pending => ReservationStatus.Pending,
        ProtoReservationStatus.Committed => ReservationStatus.Committed,
        ProtoReservationStatus.Released => ReservationStatus.Released,
        ProtoReservationStatus.Expired => ReservationStatus.Expired,
        _ => throw InventoryErrors.InvalidArgument("status", $"unknown status {status}"),
    };
}
