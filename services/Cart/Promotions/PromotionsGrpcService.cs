using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Contracts.Cart.V1;

namespace SpaceOfSport.Cart.Promotions;

/// <summary>
/// gRPC <c>spaceofsport.cart.v1.Promotions</c>: ordering reserves a code's use when it places an order, confirms it
/// when the order is paid and releases it when the order ends otherwise. Only app-id <see cref="OrderingAppId"/> may
/// call (<c>RequireCallerApp</c> where Program.cs maps it).
/// </summary>
public sealed class PromotionsGrpcService(PromotionStore store, IOptions<CartOptions> options) : SpaceOfSport.Contracts.Cart.V1.Promotions.PromotionsBase
{
    /// <summary>The longest hold a caller may ask for (inventory's longest reservation, too).</summary>
    public static readonly TimeSpan MaxReservationTtl = TimeSpan.FromHours(24);

    public const string OrderingAppId = "ordering";
    public const string ReasonTrailer = "reason";

    public override async Task<PromotionReservationResponse> Reserve(ReservePromotionRequest request, ServerCallContext context)
    {
        var orderId = ParseId(request.OrderId, "order_id");
        var code = Promotion.Normalize(request.Code ?? "");
        if (code.Length is 0 or > 40) throw Invalid("code", "must be a promotion code");
        Guid? userId = string.IsNullOrEmpty(request.UserId) ? null : ParseId(request.UserId, "user_id");
        var ttl = request.Ttl?.ToTimeSpan() ?? options.Value.PromotionReservationTtl;
        if (ttl <= TimeSpan.Zero || ttl > MaxReservationTtl) throw Invalid("ttl", $"must be positive and at most {MaxReservationTtl.TotalHours} hours");
        return Answer(await Unavailable(() => store.ReserveAsync(orderId, code, userId, ttl, context.CancellationToken)));
    }

    public override async Task<PromotionReservationResponse> Confirm(PromotionReservationRequest request, ServerCallContext context)
    {
        var orderId = ParseId(request.OrderId, "order_id");
        return Answer(await Unavailable(() => store.ConfirmAsync(orderId, context.CancellationToken)));
    }

    public override async Task<PromotionReservationResponse> Release(PromotionReservationRequest request, ServerCallContext context)
    {
        var orderId = ParseId(request.OrderId, "order_id");
        return Answer(await Unavailable(() => store.ReleaseAsync(orderId, context.CancellationToken)));
    }

    /// <summary>A state store that does not answer is UNAVAILABLE: the caller retries, nothing was half done.</summary>
    private static async Task<T> Unavailable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DependencyUnavailableException exception)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{exception.Dependency} did not answer; try again."));
        }
    }

    private static PromotionReservationResponse Answer((PromotionReservation? Reservation, ReservationRefusal? Refusal) outcome)
    {
        if (outcome.Reservation is { } reservation) return new PromotionReservationResponse { Reservation = ToMessage(reservation) };
        var refusal = outcome.Refusal!;
        var trailers = new Metadata();
        if (refusal.Reason is { } reason) trailers.Add(ReasonTrailer, reason);
        var status = refusal.Kind switch
        {
            ReservationRefusalKind.NotFound => StatusCode.NotFound,
            ReservationRefusalKind.AlreadyExists => StatusCode.AlreadyExists,
            _ => StatusCode.FailedPrecondition,
        };
        throw new RpcException(new Status(status, refusal.Detail), trailers);
    }

    private static Contracts.Cart.V1.PromotionReservation ToMessage(PromotionReservation reservation) => new()
    {
        OrderId = reservation.OrderId.ToString(),
        Code = reservation.Code,
        UserId = reservation.UserId?.ToString() ?? "",
        Status = reservation.State switch
        {
            PromotionReservationState.Reserved => PromotionReservationStatus.Reserved,
            PromotionReservationState.Confirmed => PromotionReservationStatus.Confirmed,
            _ => PromotionReservationStatus.Released,
        },
        ReservedAt = Timestamp.FromDateTimeOffset(reservation.ReservedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(reservation.UpdatedAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(reservation.ExpiresAt),
    };

    private static Guid ParseId(string? value, string field) =>
        Guid.TryParse(value, out var id) && id != Guid.Empty ? id : throw Invalid(field, "must be a UUID");

    private static RpcException Invalid(string field, string problem) => new(new Status(StatusCode.InvalidArgument, $"{field} {problem}"));
}
