using System.Net;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpaceOfSport.Cart.Tests.Infrastructure;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Cart.V1;
using SpaceOfSport.Contracts.Events.Ordering;

namespace SpaceOfSport.Cart.Tests;

/// <summary>
/// gRPC <c>spaceofsport.cart.v1.Promotions</c> as ordering calls it through its sidecar: a use reserved at order
/// placement counts against the limits at once, is confirmed by the payment and given back by a cancellation.
/// </summary>
[Collection(CartCollection.Name)]
public sealed class PromotionReservationTests(CartHosts hosts)
{
    private CartHost Host => hosts[CartHost.Redis];

    private static Task<PromotionReservationResponse> ReserveAsync(CartHost host, Guid orderId, string code, Guid? userId = null, TimeSpan? ttl = null) =>
        host.Promotions.ReserveAsync(new ReservePromotionRequest
        {
            OrderId = orderId.ToString(),
            Code = code,
            UserId = userId?.ToString() ?? "",
            Ttl = ttl is { } hold ? Duration.FromTimeSpan(hold) : null,
        }).ResponseAsync;

    private static async Task<(StatusCode Status, string? Reason)> RefusalAsync(Task call)
    {
        var refused = await FluentActions.Awaiting(() => call).Should().ThrowAsync<RpcException>();
        return (refused.Which.StatusCode, refused.Which.Trailers.GetValue("reason"));
    }

    [Theory]
    [InlineData(CartHost.Sqlite)]
    [InlineData(CartHost.Redis)]
    public async Task Twenty_concurrent_orders_for_a_code_with_five_uses_left_get_exactly_five_reservations(string backend)
    {
        var host = hosts[backend];
        var code = (await StaffPromotions.CreateAsync(host, StaffPromotions.Terms(host, StaffPromotions.NewCode(), percentOff: 10, totalUsageLimit: 6))).Code;
        var earlier = Guid.CreateVersion7();
        await ReserveAsync(host, earlier, code);
        await host.Promotions.ConfirmAsync(new PromotionReservationRequest { OrderId = earlier.ToString() });

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (await ReserveAsync(host, Guid.CreateVersion7(), code, Guid.CreateVersion7())).Reservation.Status.ToString();
            }
            catch (RpcException refused)
            {
                return $"{refused.StatusCode} {refused.Trailers.GetValue("reason")}";
            }
        }));

        attempts.Count(a => a == nameof(PromotionReservationStatus.Reserved)).Should().Be(5);
        attempts.Count(a => a == $"{StatusCode.FailedPrecondition} usage-limit-reached").Should().Be(15);
        var promotion = await StaffPromotions.GetAsync(host, code);
        (promotion.TimesUsed, promotion.TimesReserved).Should().Be((1, 5));
    }

    [Fact]
    public async Task Releasing_a_reservation_gives_its_use_back_to_the_next_order()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10, totalUsageLimit: 1))).Code;
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        await ReserveAsync(Host, first, code);
        (await RefusalAsync(ReserveAsync(Host, second, code))).Should().Be((StatusCode.FailedPrecondition, "usage-limit-reached"));
        using var shopper = Host.NewShopper();
        await shopper.AddOkAsync(Host.Catalog.Shirt().Sku, 1);
        (await Shopper.Problem(await shopper.PromotionAsync(code), HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString()
            .Should().Be("usage-limit-reached", "a cart sees the reserved use as taken");

        var released = await Host.Promotions.ReleaseAsync(new PromotionReservationRequest { OrderId = first.ToString() });

        released.Reservation.Status.Should().Be(PromotionReservationStatus.Released);
        (await ReserveAsync(Host, second, code)).Reservation.Status.Should().Be(PromotionReservationStatus.Reserved);
        (await StaffPromotions.GetAsync(Host, code)).TimesReserved.Should().Be(1);
    }

    [Fact]
    public async Task Retried_reserve_confirm_and_release_calls_change_nothing_twice()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10, totalUsageLimit: 5, perCustomerUsageLimit: 2))).Code;
        var user = Guid.CreateVersion7();
        var order = Guid.CreateVersion7();
        var request = new PromotionReservationRequest { OrderId = order.ToString() };

        var retries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ReserveAsync(Host, order, code.ToLowerInvariant(), user)));
        retries.Select(r => r.Reservation).Distinct().Should().ContainSingle("every retry gets the one reservation");
        (await StaffPromotions.GetAsync(Host, code)).TimesReserved.Should().Be(1);
        (await RefusalAsync(ReserveAsync(Host, order, code, Guid.CreateVersion7()))).Status.Should().Be(StatusCode.AlreadyExists);

        (await Host.Promotions.ConfirmAsync(request)).Reservation.Status.Should().Be(PromotionReservationStatus.Confirmed);
        (await Host.Promotions.ConfirmAsync(request)).Reservation.Status.Should().Be(PromotionReservationStatus.Confirmed);
        (await ReserveAsync(Host, order, code, user)).Reservation.Status.Should().Be(PromotionReservationStatus.Confirmed);
        (await RefusalAsync(Host.Promotions.ReleaseAsync(request).ResponseAsync)).Should().Be((StatusCode.FailedPrecondition, "confirmed"));
        var promotion = await StaffPromotions.GetAsync(Host, code);
        (promotion.TimesUsed, promotion.TimesReserved).Should().Be((1, 0));

        var cancelled = new PromotionReservationRequest { OrderId = Guid.CreateVersion7().ToString() };
        await ReserveAsync(Host, Guid.Parse(cancelled.OrderId), code, user);
        (await Host.Promotions.ReleaseAsync(cancelled)).Reservation.Status.Should().Be(PromotionReservationStatus.Released);
        (await Host.Promotions.ReleaseAsync(cancelled)).Reservation.Status.Should().Be(PromotionReservationStatus.Released);
        (await RefusalAsync(Host.Promotions.ConfirmAsync(cancelled).ResponseAsync)).Should().Be((StatusCode.FailedPrecondition, "released"));
        promotion = await StaffPromotions.GetAsync(Host, code);
        (promotion.TimesUsed, promotion.TimesReserved).Should().Be((1, 0));
    }

    [Fact]
    public async Task Reserved_uses_count_against_the_per_customer_limit_and_guests_cannot_reserve_a_per_customer_code()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10, perCustomerUsageLimit: 1))).Code;
        var user = Guid.CreateVersion7();
        await ReserveAsync(Host, Guid.CreateVersion7(), code, user);

        (await RefusalAsync(ReserveAsync(Host, Guid.CreateVersion7(), code, user))).Should().Be((StatusCode.FailedPrecondition, "customer-limit-reached"));
        (await RefusalAsync(ReserveAsync(Host, Guid.CreateVersion7(), code))).Should().Be((StatusCode.FailedPrecondition, "sign-in-required"));
        using var shopper = Host.NewShopper(user);
        await shopper.AddOkAsync(Host.Catalog.Shirt().Sku, 1);
        (await Shopper.Problem(await shopper.PromotionAsync(code), HttpStatusCode.UnprocessableEntity)).GetProperty("reason").GetString().Should().Be("customer-limit-reached");
    }

    [Fact]
    public async Task The_order_paid_event_confirms_the_orders_reserved_use_once_however_often_it_arrives()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10, totalUsageLimit: 3))).Code;
        var user = Guid.CreateVersion7();
        var order = Guid.CreateVersion7();
        await ReserveAsync(Host, order, code, user);

        using var dapr = Host.Service.CreateDaprClient();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await dapr.PublishEventAsync("pubsub", IntegrationEvent.Topic<OrderPaid>(), new OrderPaid
            {
                Id = Guid.CreateVersion7(),
                OrderId = order,
                UserId = user,
                PromotionCodes = [code],
                TotalMinor = 1000,
                Currency = "EUR",
            });
        }

        await TestSupport.Eventually.UntilAsync(async () => (await StaffPromotions.GetAsync(Host, code)).TimesUsed == 1, "the payment confirmed the reserved use");
        var reservation = (await ReserveAsync(Host, order, code, user)).Reservation;
        reservation.Status.Should().Be(PromotionReservationStatus.Confirmed);
        var promotion = await StaffPromotions.GetAsync(Host, code);
        (promotion.TimesUsed, promotion.TimesReserved).Should().Be((1, 0), "three deliveries of the order's payment count one use");
    }

    [Fact]
    public async Task Only_the_ordering_app_may_reserve_and_bad_requests_name_the_problem()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10, totalUsageLimit: 1))).Code;

        var outsider = Host.OutsiderPromotions.ReserveAsync(new ReservePromotionRequest { OrderId = Guid.CreateVersion7().ToString(), Code = code }).ResponseAsync;
        (await RefusalAsync(outsider)).Status.Should().Be(StatusCode.PermissionDenied);
        (await StaffPromotions.GetAsync(Host, code)).TimesReserved.Should().Be(0);

        (await RefusalAsync(ReserveAsync(Host, Guid.CreateVersion7(), StaffPromotions.NewCode()))).Status.Should().Be(StatusCode.NotFound);
        var malformed = Host.Promotions.ReserveAsync(new ReservePromotionRequest { OrderId = "order-1", Code = code }).ResponseAsync;
        var invalid = await FluentActions.Awaiting(() => malformed).Should().ThrowAsync<RpcException>();
        (invalid.Which.StatusCode, invalid.Which.Status.Detail).Should().Be((StatusCode.InvalidArgument, "order_id must be a UUID"));
        (await RefusalAsync(Host.Promotions.ReleaseAsync(new PromotionReservationRequest { OrderId = Guid.CreateVersion7().ToString() }).ResponseAsync))
            .Status.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task A_use_held_by_an_order_nobody_settles_goes_back_to_the_code_when_its_ttl_passes()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10, totalUsageLimit: 1, perCustomerUsageLimit: 1))).Code;
        var user = Guid.CreateVersion7();
        var abandoned = Guid.CreateVersion7();
        var held = (await ReserveAsync(Host, abandoned, code, user, ttl: TimeSpan.FromMinutes(30))).Reservation;
        (held.ExpiresAt.ToDateTimeOffset() - held.ReservedAt.ToDateTimeOffset()).Should().Be(TimeSpan.FromMinutes(30));

        Host.Clock.Advance(TimeSpan.FromMinutes(29));
        (await RefusalAsync(ReserveAsync(Host, Guid.CreateVersion7(), code, Guid.CreateVersion7()))).Should().Be((StatusCode.FailedPrecondition, "usage-limit-reached"));
        Host.Clock.Advance(TimeSpan.FromMinutes(2));

        (await StaffPromotions.GetAsync(Host, code)).TimesReserved.Should().Be(0, "the abandoned order's hold expired");
        var next = Guid.CreateVersion7();
        (await ReserveAsync(Host, next, code, user)).Reservation.Status.Should().Be(PromotionReservationStatus.Reserved, "the customer's own limit freed up too");
        (await Host.Promotions.ReleaseAsync(new PromotionReservationRequest { OrderId = abandoned.ToString() })).Reservation.Status
            .Should().Be(PromotionReservationStatus.Released, "a late release of the expired hold is accepted");
        var promotion = await StaffPromotions.GetAsync(Host, code);
        (promotion.TimesUsed, promotion.TimesReserved).Should().Be((0, 1), "releasing the expired hold gives back nothing the next order holds");
    }

    [Fact]
    public async Task A_payment_that_lands_after_the_hold_expired_still_counts_the_use_once()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10, totalUsageLimit: 3))).Code;
        var order = new PromotionReservationRequest { OrderId = Guid.CreateVersion7().ToString() };
        await ReserveAsync(Host, Guid.Parse(order.OrderId), code, ttl: TimeSpan.FromMinutes(10));
        Host.Clock.Advance(TimeSpan.FromMinutes(11));

        (await Host.Promotions.ConfirmAsync(order)).Reservation.Status.Should().Be(PromotionReservationStatus.Confirmed);
        (await Host.Promotions.ConfirmAsync(order)).Reservation.Status.Should().Be(PromotionReservationStatus.Confirmed);

        var promotion = await StaffPromotions.GetAsync(Host, code);
        (promotion.TimesUsed, promotion.TimesReserved).Should().Be((1, 0));
    }

    [Fact]
    public async Task A_reservation_without_a_ttl_is_held_for_an_hour_and_one_over_a_day_is_refused()
    {
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10))).Code;

        var held = (await ReserveAsync(Host, Guid.CreateVersion7(), code)).Reservation;

        (held.ExpiresAt.ToDateTimeOffset() - held.ReservedAt.ToDateTimeOffset()).Should().Be(TimeSpan.FromHours(1));
        var tooLong = await FluentActions.Awaiting(() => ReserveAsync(Host, Guid.CreateVersion7(), code, ttl: TimeSpan.FromHours(25))).Should().ThrowAsync<RpcException>();
        (tooLong.Which.StatusCode, tooLong.Which.Status.Detail).Should().Be((StatusCode.InvalidArgument, "ttl must be positive and at most 24 hours"));
    }
}
