using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Ordering.Checkout;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Delivery;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Returns;

/// <summary>
/// Returns and exchanges, step by step, each step saved with its event (outbox) before the next one runs, so a retried
/// step carries on where the last attempt stopped: request (an exchange's units reserved at once), approve (the
/// reservation committed: the units are set aside), reject, receive (restock, then the partial refund through payments
/// with the return's id as idempotency key, or the exchange dispatched).
/// </summary>
public sealed class ReturnsService(
    OrderingDbContext db, CatalogClient catalog, StockClient stock, PaymentsClient payments, TimeProvider clock)
{
    /// <summary>How long an exchange's units stay held before staff approve (inventory's longest hold).</summary>
    public static readonly TimeSpan ExchangeHold = TimeSpan.FromHours(24);

    public async Task<ReturnOutcome> RequestAsync(ClaimsPrincipal user, RequestReturnRequest request, CancellationToken cancellationToken)
    {
        var order = request.OrderId is { } orderId
            ? await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Timeline).AsSplitQuery().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            : null;
        var errors = ReturnValidation.Check(request, order);
        if (errors.Count > 0) return new ReturnOutcome.Invalid(errors);
        if (order is null || !OrderAccess.IsCustomer(user, order)) return new ReturnOutcome.NotFound($"There is no order {request.OrderId} for you.");

        var shipments = await db.Set<Shipment>().AsNoTracking().Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken);
        if (order.Status != OrderStatus.Delivered || ReturnRules.DeliveredAt(order, shipments, order.Timeline) is not { } deliveredAt)
            return new ReturnOutcome.Refused("Not delivered", $"Order {order.Number} is {OrderTransitions.Kebab(order.Status)}: only a delivered order can be returned.", "not-delivered");
        if (clock.GetUtcNow() - deliveredAt > ReturnRules.Window)
            return new ReturnOutcome.Refused("Return window closed", $"Order {order.Number} was delivered on {deliveredAt:yyyy-MM-dd}; returns are accepted for {ReturnRules.Window.TotalDays:0} days.", "return-window-closed");

        var earlier = await db.Set<OrderReturn>().AsNoTracking().Include(r => r.Lines)
            .Where(r => r.OrderId == order.Id && r.Status != ReturnStatus.Rejected).ToListAsync(cancellationToken);
        var returnedBefore = earlier.SelectMany(r => r.Lines).GroupBy(l => l.LineNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var refundedBefore = earlier.SelectMany(r => r.Lines).Where(l => l.ExchangeSku is null).GroupBy(l => l.LineNumber).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        foreach (var asked in request.Lines!)
        {
            var line = order.Lines.Single(l => l.LineNumber == asked.LineNumber);
            var left = line.Quantity - returnedBefore.GetValueOrDefault(line.LineNumber);
            if (asked.Quantity > left)
                return new ReturnOutcome.Refused("More than was bought", $"Line {line.LineNumber} ({line.Sku}): {left} of {line.Quantity} units can still be returned.", "quantity-exceeds-order");
        }

        var exchanges = request.Lines!.Where(l => l.ExchangeSku is not null).ToList();
        if (exchanges.Count > 0 && await ExchangeProblemAsync(order, exchanges, cancellationToken) is { } problem) return problem;

        var id = Guid.CreateVersion7();
        var lines = request.Lines!.Select(asked =>
        {
            var line = order.Lines.Single(l => l.LineNumber == asked.LineNumber);
            var refund = asked.ExchangeSku is null ? ReturnRules.UnitsRefund(order, line, asked.Quantity, refundedBefore.GetValueOrDefault(line.LineNumber)) : 0;
            return new OrderReturnLine { ReturnId = id, LineNumber = line.LineNumber, Sku = line.Sku, Quantity = asked.Quantity, Reason = asked.Reason!, ExchangeSku = asked.ExchangeSku, RefundMinor = refund };
        }).ToList();
        var everyUnitRefunded = order.Lines.All(l => refundedBefore.GetValueOrDefault(l.LineNumber) + lines.Where(r => r.LineNumber == l.LineNumber && r.ExchangeSku is null).Sum(r => r.Quantity) == l.Quantity);
        var orderReturn = new OrderReturn
        {
            Id = id,
            OrderId = order.Id,
            UserId = order.UserId,
            Status = ReturnStatus.Requested,
            Currency = order.Currency,
            ItemsRefundMinor = lines.Sum(l => l.RefundMinor),
            ShippingRefundMinor = ReturnRules.ShippingRefund(order, lines, everyUnitRefunded, earlier.Any(r => r.ShippingRefundMinor > 0)),
            RequestedAt = clock.GetUtcNow(),
            Version = 1,
            Lines = lines,
        };

        if (exchanges.Count > 0)
        {
            var shortSkus = await stock.ReserveAsync(id, exchanges.Select(e => (e.ExchangeSku!, e.Quantity)), ExchangeHold, cancellationToken);
            if (shortSkus is not null)
                return new ReturnOutcome.Conflict("Exchange size out of stock", $"Not enough stock to exchange for: {string.Join(", ", shortSkus)}. Return it for a refund instead.", Skus: shortSkus);
        }

        db.Set<OrderReturn>().Add(orderReturn);
        db.AddIntegrationEvent(new ReturnRequested
        {
            ReturnId = id,
            OrderId = order.Id,
            UserId = order.UserId,
            Lines = [.. lines.Select(l => new ReturnedLine(l.Sku, l.Quantity, l.Reason, l.ExchangeSku))],
            OccurredAt = orderReturn.RequestedAt,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            if (exchanges.Count > 0) await stock.ReleaseAsync(id, CancellationToken.None);
            throw;
        }
        return new ReturnOutcome.Done(orderReturn, Created: true);
    }

    public async Task<ReturnOutcome> ApproveAsync(Guid returnId, string staff, CancellationToken cancellationToken)
    {
        if (await LoadAsync(returnId, cancellationToken) is not { } orderReturn) return NoSuchReturn(returnId);
        if (orderReturn.Status != ReturnStatus.Requested) return NotNow(orderReturn, "approved");
        if (orderReturn.HasExchange && !await stock.CommitAsync(orderReturn.Id, cancellationToken))
        {
            // Held longer than inventory keeps a hold: take the units again, now for good.
            var exchanges = orderReturn.Lines.Where(l => l.ExchangeSku is not null).Select(l => (l.ExchangeSku!, l.Quantity)).ToList();
            var renewal = Guid.CreateVersion7();
            if (await stock.ReserveAsync(renewal, exchanges, ExchangeHold, cancellationToken) is { } shortSkus)
                return new ReturnOutcome.Conflict("Exchange size out of stock", $"The exchange sizes are no longer in stock: {string.Join(", ", shortSkus)}. Reject the return, or ask the customer to return it for a refund.", orderReturn.Status, shortSkus);
            await stock.CommitAsync(renewal, cancellationToken);
        }
        orderReturn.Status = ReturnStatus.Approved;
        orderReturn.DecidedAt = clock.GetUtcNow();
        orderReturn.DecidedBy = staff;
        orderReturn.Version++;
        db.AddIntegrationEvent(new ReturnApproved { ReturnId = orderReturn.Id, OrderId = orderReturn.OrderId, UserId = orderReturn.UserId, ApprovedBy = staff, OccurredAt = orderReturn.DecidedAt.Value });
        return await SaveAsync(orderReturn, cancellationToken);
    }

    public async Task<ReturnOutcome> RejectAsync(Guid returnId, string staff, string? reason, CancellationToken cancellationToken)
    {
        if (reason is { Length: > ReturnValidation.MaxNoteLength }) return new ReturnOutcome.Invalid(new() { ["reason"] = [$"at most {ReturnValidation.MaxNoteLength} characters"] });
        if (await LoadAsync(returnId, cancellationToken) is not { } orderReturn) return NoSuchReturn(returnId);
        if (orderReturn.Status != ReturnStatus.Requested) return NotNow(orderReturn, "rejected");
        if (orderReturn.HasExchange) await stock.ReleaseAsync(orderReturn.Id, cancellationToken);
        orderReturn.Status = ReturnStatus.Rejected;
        orderReturn.DecidedAt = clock.GetUtcNow();
        orderReturn.DecidedBy = staff;
        orderReturn.RejectionReason = reason;
        orderReturn.Version++;
        db.AddIntegrationEvent(new ReturnRejected
        {
            ReturnId = orderReturn.Id,
            OrderId = orderReturn.OrderId,
            UserId = orderReturn.UserId,
            RejectedBy = staff,
            Reason = reason,
            OccurredAt = orderReturn.DecidedAt.Value,
        });
        return await SaveAsync(orderReturn, cancellationToken);
    }

    /// <summary>
    /// The parcel came back: received (saved), the units restocked (inventory's idempotent <c>Restock</c>, once per return),
    /// then the refund through payments (idempotency key = the return) or the exchange dispatched. Calling it again after
    /// a failure carries on from the last saved step.
    /// </summary>
    public async Task<ReturnOutcome> ReceiveAsync(Guid returnId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(returnId, cancellationToken) is not { } orderReturn) return NoSuchReturn(returnId);
        if (orderReturn.Status is not (ReturnStatus.Approved or ReturnStatus.Received)) return NotNow(orderReturn, "received");
        var now = clock.GetUtcNow();
        if (orderReturn.Status == ReturnStatus.Approved)
        {
            orderReturn.Status = ReturnStatus.Received;
            orderReturn.ReceivedAt = now;
            orderReturn.Version++;
            db.AddIntegrationEvent(new ReturnReceived { ReturnId = orderReturn.Id, OrderId = orderReturn.OrderId, UserId = orderReturn.UserId, OccurredAt = now });
            if (await SaveAsync(orderReturn, cancellationToken) is not ReturnOutcome.Done) return NotNow(orderReturn, "received");
        }

        if (!orderReturn.Restocked)
        {
            // Inventory restocks once per id: a receive retried after a crash between this call and the save below puts nothing back twice.
            await stock.RestockAsync(RestockId(orderReturn.Id), StockClient.MainLocation, orderReturn.Lines.Select(l => (l.Sku, l.Quantity)),
                $"return {orderReturn.Id}", cancellationToken);
            orderReturn.Restocked = true;
            orderReturn.Version++;
            if (await SaveAsync(orderReturn, cancellationToken) is not ReturnOutcome.Done) return NotNow(orderReturn, "received");
        }

        if (orderReturn.RefundMinor > 0)
            orderReturn.RefundId = await payments.RefundAsync(orderReturn.OrderId, orderReturn.RefundMinor, $"return-{orderReturn.Id}", cancellationToken);
        orderReturn.Status = orderReturn.Lines.Any(l => l.ExchangeSku is null) ? ReturnStatus.Refunded : ReturnStatus.Exchanged;
        orderReturn.CompletedAt = clock.GetUtcNow();
        orderReturn.Version++;
        if (orderReturn.RefundMinor > 0)
        {
            db.AddIntegrationEvent(new ReturnRefunded
            {
                ReturnId = orderReturn.Id,
                OrderId = orderReturn.OrderId,
                UserId = orderReturn.UserId,
                AmountMinor = orderReturn.RefundMinor,
                ShippingMinor = orderReturn.ShippingRefundMinor,
                Currency = orderReturn.Currency,
                OccurredAt = orderReturn.CompletedAt.Value,
            });
        }
        if (orderReturn.HasExchange)
        {
            db.AddIntegrationEvent(new ExchangeDispatched
            {
                ReturnId = orderReturn.Id,
                OrderId = orderReturn.OrderId,
                UserId = orderReturn.UserId,
                OccurredAt = orderReturn.CompletedAt.Value,
                Lines = [.. orderReturn.Lines.Where(l => l.ExchangeSku is not null).Select(l => new ReturnedLine(l.Sku, l.Quantity, l.Reason, l.ExchangeSku))],
            });
        }
        return await SaveAsync(orderReturn, cancellationToken);
    }

    /// <summary>The returns <paramref name="user"/> may see: their own, or every return for staff who manage returns.</summary>
    public IQueryable<OrderReturn> Visible(ClaimsPrincipal user, bool staff) =>
        staff ? db.Set<OrderReturn>().AsNoTracking().Include(r => r.Lines)
        : OrderAccess.UserIdOf(user) is { } id ? db.Set<OrderReturn>().AsNoTracking().Include(r => r.Lines).Where(r => r.UserId == id)
        : db.Set<OrderReturn>().Where(_ => false);

    /// <summary>The other size must be the same product and colour, and on sale.</summary>
    private async Task<ReturnOutcome?> ExchangeProblemAsync(Order order, IReadOnlyList<ReturnLineRequest> exchanges, CancellationToken cancellationToken)
    {
        var skus = exchanges.SelectMany(e => new[] { order.Lines.Single(l => l.LineNumber == e.LineNumber).Sku, e.ExchangeSku! }).Distinct().ToList();
        var facts = await catalog.GetFactsAsync(skus, cancellationToken);
        foreach (var exchange in exchanges)
        {
            var bought = order.Lines.Single(l => l.LineNumber == exchange.LineNumber).Sku;
            if (!facts.TryGetValue(bought, out var original) || !facts.TryGetValue(exchange.ExchangeSku!, out var wanted)
                || wanted.ProductId != original.ProductId || wanted.Colour != original.Colour || wanted.Size == original.Size || !wanted.IsSellable)
            {
                return new ReturnOutcome.Refused("Not another size of the same product",
                    $"{exchange.ExchangeSku} is not another size of {bought} on sale now.", "exchange-not-same-product");
            }
        }
        return null;
    }

    private Task<OrderReturn?> LoadAsync(Guid returnId, CancellationToken cancellationToken) =>
        db.Set<OrderReturn>().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == returnId, cancellationToken);

    private async Task<ReturnOutcome> SaveAsync(OrderReturn orderReturn, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new ReturnOutcome.Done(orderReturn);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await LoadAsync(orderReturn.Id, cancellationToken);
            return new ReturnOutcome.Conflict("Changed meanwhile", "Someone else changed this return at the same time; read it again.", current?.Status);
        }
    }

    /// <summary>The id inventory knows a return's restock by.</summary>
    public static string RestockId(Guid returnId) => $"return-{returnId}";

    private static ReturnOutcome.NotFound NoSuchReturn(Guid returnId) => new($"There is no return {returnId} for you.");

    private static ReturnOutcome.Conflict NotNow(OrderReturn orderReturn, string what) =>
        new("Not allowed in this status", $"Return {orderReturn.Id} is {orderReturn.Status.ToString().ToLowerInvariant()} and cannot be {what}.", orderReturn.Status);
}
