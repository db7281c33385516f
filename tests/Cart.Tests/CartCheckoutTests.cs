using Grpc.Core;
using SpaceOfSport.Cart.Tests.Infrastructure;
using SpaceOfSport.Contracts.Cart.V1;

namespace SpaceOfSport.Cart.Tests;

/// <summary>
/// gRPC <c>spaceofsport.cart.v1.CartCheckout</c> as ordering calls it through its sidecar once an order is paid: the
/// order's units leave the cart it was placed from, once, and what the shopper added since stays.
/// </summary>
[Collection(CartCollection.Name)]
public sealed class CartCheckoutTests(CartHosts hosts)
{
    private CartHost Host => hosts[CartHost.Redis];

    private static RemoveOrderedLinesRequest Removal(Guid orderId, Guid cartId, Guid? userId, string? token, string? code, params (string Sku, int Quantity)[] lines)
    {
        var request = new RemoveOrderedLinesRequest
        {
            OrderId = orderId.ToString(),
            CartId = cartId.ToString(),
            UserId = userId?.ToString() ?? "",
            AnonymousCartToken = token ?? "",
            PromotionCode = code ?? "",
        };
        request.Lines.AddRange(lines.Select(l => new OrderedLine { Sku = l.Sku, Quantity = l.Quantity }));
        return request;
    }

    [Fact]
    public async Task A_paid_orders_units_leave_the_cart_once_and_what_was_added_since_stays()
    {
        var user = Guid.CreateVersion7();
        using var shopper = Host.NewShopper(user);
        var (ordered, addedLater) = (Host.Catalog.Shirt().Sku, Host.Catalog.Shirt().Sku);
        var code = (await StaffPromotions.CreateAsync(Host, StaffPromotions.Terms(Host, StaffPromotions.NewCode(), percentOff: 10))).Code;
        await shopper.AddOkAsync(ordered, 3);
        (await shopper.PromotionAsync(code)).EnsureSuccessStatusCode();
        await shopper.AddOkAsync(addedLater, 1);
        var before = await shopper.CartAsync();
        var request = Removal(Guid.CreateVersion7(), before.Id!.Value, user, null, code.ToLowerInvariant(), (ordered, 2));

        var first = await Host.CartCheckout.RemoveOrderedLinesAsync(request);
        var retried = await Host.CartCheckout.RemoveOrderedLinesAsync(request);

        (first.Removed, retried.Removed).Should().Be((true, true));
        retried.CartVersion.Should().Be(first.CartVersion).And.Be(before.Version + 1, "the retry changed nothing");
        var after = await shopper.CartAsync();
        after.Lines.Select(l => (l.Sku, l.Quantity)).Should().BeEquivalentTo([(ordered, 1), (addedLater, 1)]);
        after.Promotion.Should().BeNull("the order used the code");
    }

    [Fact]
    public async Task A_guests_cart_is_found_by_its_cookie_and_a_cart_that_is_not_the_orders_is_left_alone()
    {
        using var guest = Host.NewShopper();
        var sku = Host.Catalog.Shirt().Sku;
        var cart = await guest.AddOkAsync(sku, 2);

        var other = await Host.CartCheckout.RemoveOrderedLinesAsync(Removal(Guid.CreateVersion7(), Guid.CreateVersion7(), null, guest.CartCookie, null, (sku, 2)));
        other.Removed.Should().BeFalse();
        (await guest.CartAsync()).Lines.Should().ContainSingle(l => l.Quantity == 2);

        var removed = await Host.CartCheckout.RemoveOrderedLinesAsync(Removal(Guid.CreateVersion7(), cart.Id!.Value, null, guest.CartCookie, null, (sku, 2)));

        removed.Removed.Should().BeTrue();
        (await guest.CartAsync()).Lines.Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_ordering_app_may_take_lines_off_a_cart_and_bad_requests_name_the_field()
    {
        var user = Guid.CreateVersion7();
        using var shopper = Host.NewShopper(user);
        var sku = Host.Catalog.Shirt().Sku;
        var cart = await shopper.AddOkAsync(sku, 1);

        var outsider = await FluentActions.Awaiting(() => Host.OutsiderCartCheckout.RemoveOrderedLinesAsync(Removal(Guid.CreateVersion7(), cart.Id!.Value, user, null, null, (sku, 1))).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        outsider.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        var guestWithoutToken = await FluentActions.Awaiting(() => Host.CartCheckout.RemoveOrderedLinesAsync(Removal(Guid.CreateVersion7(), cart.Id!.Value, null, null, null, (sku, 1))).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        (guestWithoutToken.Which.StatusCode, guestWithoutToken.Which.Status.Detail).Should().Be((StatusCode.InvalidArgument, "anonymous_cart_token is required without a user_id"));
        (await shopper.CartAsync()).Lines.Should().ContainSingle(l => l.Quantity == 1);
    }
}
