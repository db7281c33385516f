using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Checkout;

/// <summary>
/// <c>POST /api/orders</c>: claims the idempotency key, prices the caller's cart, stores the order with the number people
/// see, reserves its stock (refusing at once when it is short: no workflow is started) and starts its checkout workflow, then waits (up to <see cref="CheckoutOptions.PlacementWait"/>) for the stock and
/// the payment, so the answer carries what the browser needs to pay. The same key finds the same order, however many
/// requests race with it; only the request whose insert won starts the workflow.
/// </summary>
public sealed class OrderPlacement(
    IdempotencyRecords records,
    CheckoutPricer pricer,
    OrderingDbContext db,
    OrderNumbers numbers,
    OrderLifecycle lifecycle,
    OrderStore orders,
    CheckoutStarter checkouts,
    StockClient stock,
    GuestCartOwners guestCarts,
    CheckoutHold hold,
    IOptions<CheckoutOptions> options,
    TimeProvider clock)
{
    public async Task<PlacementOutcome> PlaceAsync(HttpRequest http, ClaimsPrincipal user, string idempotencyKey, string? guestEmail, CancellationToken cancellationToken)
    {
        var userId = OrderAccess.UserIdOf(user);
        var email = userId is null ? guestEmail!.Trim() : user.FindFirst("email")?.Value ?? "";
        // Keys are the caller's own: a user's, or a guest browser's (its cart cookie), so a reused key with another email is caught.
        var scope = userId is { } id ? $"user-{id:N}" : $"guest-{Hash(http.Cookies[CartClient.CartCookie] ?? email.ToUpperInvariant())}";
        var fingerprint = Hash(userId is null ? $"guest\n{email.ToUpperInvariant()}" : $"user\n{userId}");
        var record = await records.ClaimAsync(scope, Hash(idempotencyKey), fingerprint, Guid.CreateVersion7(clock.GetUtcNow()), cancellationToken);
        if (record.Fingerprint != fingerprint) return new PlacementOutcome.KeyReused();

        var order = await orders.FindAsync(record.OrderId, cancellationToken);
        var created = false;
        if (order is null)
        {
            var priced = await pricer.PriceAsync(http, cancellationToken);
            switch (priced)
            {
                case PricingOutcome.Refused refused:
                    return new PlacementOutcome.Refused(refused.Reason, refused.Title, refused.Detail);
                case PricingOutcome.Unavailable unavailable:
                    return new PlacementOutcome.OutOfStock(null, unavailable.Skus);
            }
            var pricedOrder = ((PricingOutcome.Priced)priced).Order;
            if (CartOwnerOf(userId, pricedOrder.CartId, http.Cookies[CartClient.CartCookie]) is { AnonymousToken: not null } guestCart)
                await guestCarts.SaveAsync(record.OrderId, guestCart, cancellationToken);
            (order, created) = await CreateAsync(record, userId, email, pricedOrder, cancellationToken);
        }

        if (created)
        {
            await hold.AtAsync(CheckoutHold.OrderSaved, order.Id);
            if (await ReserveStockAsync(order) is { } shortSkus)
                order = await orders.ChangeAsync(order.Id, (db, current) => lifecycle.TryCancel(db, current, CancellationReasons.OutOfStock, shortSkus, refunded: false),
                    CancellationToken.None) ?? order;
        }

        // A request that did not create the order starts it only when no instance exists: its creator crashed in between.
        // Once the order is saved the client going away stops nothing: a saved order always gets its checkout.
        if (order.Status == OrderStatus.Pending)
            await checkouts.EnsureStartedAsync(order.Id, justCreated: created, CartOwnerOf(order, http.Cookies[CartClient.CartCookie]), CancellationToken.None);
        order = await WaitPastPendingAsync(order, cancellationToken);
        return order switch
        {
            { Status: OrderStatus.Cancelled, CancellationReason: CancellationReasons.OutOfStock } => new PlacementOutcome.OutOfStock(order, order.ShortSkus),
            { Status: OrderStatus.Cancelled, CancellationReason: { } reason } when reason.StartsWith(CancellationReasons.PromotionPrefix, StringComparison.Ordinal) =>
                new PlacementOutcome.Refused(reason, "Promotion code can no longer be used",
                    $"Code {order.PromotionCode} could not be reserved for this order ({reason[CancellationReasons.PromotionPrefix.Length..]}); nothing was charged. Remove the code from the cart and place the order again."),
            _ => new PlacementOutcome.Placed(order, created),
        };
    }

    private async Task<(Order Order, bool Created)> CreateAsync(IdempotencyRecord record, Guid? userId, string email, PricedOrder priced, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var order = new Order
        {
            Id = record.OrderId,
            Number = await numbers.NextAsync(db, cancellationToken),
            UserId = userId,
            Email = email,
            PlacedAsGuest = userId is null,
            Currency = priced.Currency,
            SubtotalMinor = priced.SubtotalMinor,
            DiscountMinor = priced.DiscountMinor,
            ShippingMinor = priced.ShippingMinor,
            TaxMinor = priced.TaxMinor,
            TotalMinor = priced.TotalMinor,
            PricesIncludeTax = priced.PricesIncludeTax,
            PromotionCode = priced.PromotionCode,
            ShippingMethod = priced.ShippingMethod,
            Country = priced.Destination.Country,
            Region = priced.Destination.Region,
            PostalCode = priced.Destination.PostalCode,
            CartId = priced.CartId,
            RequestFingerprint = record.Fingerprint,
            CreatedAt = now,
            Lines = [.. priced.Lines.Select((l, i) => new OrderLine
            {
                OrderId = record.OrderId, LineNumber = i + 1, Sku = l.Sku, ProductName = l.ProductName, Size = l.Size, Colour = l.Colour, Quantity = l.Quantity,
                UnitPriceMinor = l.UnitPriceMinor, CartUnitPriceMinor = l.CartUnitPriceMinor, DiscountMinor = l.DiscountMinor, TaxMinor = l.TaxMinor,
                LineTotalMinor = l.LineTotalMinor, TaxCategory = l.TaxCategory,
            })],
        };
        lifecycle.Start(db, order);
        db.Orders.Add(order);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (order, true);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // A concurrent request with the same key stored the order first: answer with that one.
            db.ChangeTracker.Clear();
            return ((await orders.FindAsync(record.OrderId, cancellationToken))!, false);
        }
    }

    /// <summary>
    /// Reserves the order's stock in the request, under the reservation id the workflow's own step uses (the order id), so
    /// a buyer the stock cannot serve hears 409 at once and gets no workflow: in a flash sale a thousand orders would
    /// otherwise queue in the workflow engine for minutes before their reservations decided them. Null when held (the
    /// workflow's step then finds it held); the short SKUs when not; null too when inventory did not answer in time, so
    /// the workflow's step, with its retries, decides.
    /// </summary>
    private async Task<IReadOnlyList<string>?> ReserveStockAsync(Order order)
    {
        using var patience = new CancellationTokenSource(options.Value.PlacementWait);
        try
        {
            return await stock.ReserveAsync(order.Id, order.Lines.Select(l => (l.Sku, l.Quantity)), options.Value.ReservationTtl, patience.Token);
        }
        catch (RpcException)
        {
            return null;
        }
    }

    /// <summary>
    /// The cart the order came from, as cart finds it again once the order is paid (its lines are then taken off): a
    /// guest's cart only with the guest's cart cookie (<paramref name="guestCartToken"/>).
    /// </summary>
    public static CartOwnerRef? CartOwnerOf(Order order, string? guestCartToken) => CartOwnerOf(order.UserId, order.CartId, guestCartToken);

    private static CartOwnerRef? CartOwnerOf(Guid? userId, Guid? cartId, string? guestCartToken) => (userId, cartId, guestCartToken) switch
    {
        (_, null, _) => null,
        ({ } user, { } cart, _) => new CartOwnerRef(cart, user, null),
        (null, { } cart, { } token) => new CartOwnerRef(cart, null, token),
        _ => null,
    };

    private async Task<Order> WaitPastPendingAsync(Order order, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + options.Value.PlacementWait;
        // Quick at first (a checkout usually passes pending within a few hundred ms), then backing off to 0.5 s, so a
        // flash sale's thousand waiting requests do not bury the database in reads.
        var pause = TimeSpan.FromMilliseconds(50);
        while (order.Status == OrderStatus.Pending && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(500, pause.TotalMilliseconds * 2));
            order = await orders.FindAsync(order.Id, cancellationToken) ?? order;
        }
        return order;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>What placing an order came to.</summary>
public abstract record PlacementOutcome
{
    /// <summary>The order (new when <paramref name="Created"/>), awaiting payment, or still pending when the checkout is slow.</summary>
    public sealed record Placed(Order Order, bool Created) : PlacementOutcome;

    /// <summary>Short or unsold SKUs: the order (cancelled) when one was stored.</summary>
    public sealed record OutOfStock(Order? Order, IReadOnlyList<string> Skus) : PlacementOutcome;

    public sealed record Refused(string Reason, string Title, string Detail) : PlacementOutcome;

    /// <summary>The idempotency key was used for another request.</summary>
    public sealed record KeyReused : PlacementOutcome;
}
