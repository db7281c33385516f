using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Webhooks;
using SpaceOfSport.Ordering.Data;
using SpaceOfSport.Ordering.Orders;
using SpaceOfSport.Ordering.Returns;

namespace SpaceOfSport.Ordering.Delivery;

/// <summary>
/// The one handler of delivery partners' events, whichever way they arrive (<c>POST /webhooks/delivery</c> or the
/// <c>delivery-events</c> input binding), once verified: shipped records the parcel and moves the order to shipped,
/// delivered completes it and moves the order to delivered, both through <see cref="OrderLifecycle"/> (so each move
/// is announced as order-status-changed) and announced themselves (<see cref="OrderShipped"/>, <see cref="OrderDelivered"/>).
/// A return's exchange parcel (<c>returnId</c>) is recorded and announced the same way without moving the order.
/// The message id is stored with the changes it made, in one transaction: a second delivery of it changes nothing.
/// </summary>
public sealed partial class DeliveryEventHandler(
    OrderingDbContext db, OrderStore orders, OrderLifecycle lifecycle, TimeProvider clock, ILogger<DeliveryEventHandler> logger)
{
    public const string ViaHttp = "http";
    public const string ViaBinding = "binding";

    /// <summary>Why a paid order went to fulfilling on its own: the carrier had it before staff moved it.</summary>
    public const string PickedUpReason = "picked-up-by-carrier";

    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public async Task<DeliveryOutcome> HandleAsync(string messageId, string payload, string via, CancellationToken cancellationToken)
    {
        DeliveryWebhook? webhook;
        try
        {
            webhook = JsonSerializer.Deserialize<DeliveryWebhook>(payload, Json);
        }
        catch (JsonException exception)
        {
            return new DeliveryOutcome.Invalid(new() { ["body"] = [$"is not a delivery event: {exception.Message}"] });
        }
        var errors = DeliveryValidation.Check(webhook);
        if (errors.Count > 0) return new DeliveryOutcome.Invalid(errors);
        var data = webhook!.Data!;

        if (await AlreadyProcessedAsync(messageId, cancellationToken)) return new DeliveryOutcome.Applied(Duplicate: true);
        var orderId = await db.Orders.AsNoTracking().Where(o => o.Number == data.OrderNumber).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken);
        if (orderId is null) return new DeliveryOutcome.Unknown($"There is no order {data.OrderNumber}.");

        DeliveryOutcome outcome = new DeliveryOutcome.Applied(Duplicate: true);
        try
        {
            await orders.ChangeAsync(orderId.Value, async (changing, order, token) =>
            {
                var shipments = await changing.Set<Shipment>().Where(s => s.OrderId == order.Id && s.ReturnId == data.ReturnId).ToListAsync(token);
                if (data.ReturnId is { } returnId && await ExchangeProblemAsync(changing, order, returnId, token) is { } problem) outcome = problem;
                else outcome = webhook.Type == DeliveryWebhook.Shipped ? Shipped(changing, order, shipments, data) : Delivered(changing, order, shipments, data);
                if (outcome is not DeliveryOutcome.Applied) return false;
                changing.Set<ProcessedDeliveryMessage>().Add(new ProcessedDeliveryMessage
                {
                    MessageId = messageId,
                    Type = webhook.Type!,
                    ReceivedVia = via,
                    ProcessedAt = clock.GetUtcNow(),
                });
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // The same message through the other way in (or a partner's retry), saved a moment earlier.
            return new DeliveryOutcome.Applied(Duplicate: true);
        }
        if (outcome is DeliveryOutcome.NotNow notNow) LogNotNow(webhook.Type!, data.OrderNumber!, notNow.Status);
        return outcome;
    }

    /// <summary>An exchange parcel belongs to a return of this order whose exchange was dispatched (the order's own status stays).</summary>
    private static async Task<DeliveryOutcome?> ExchangeProblemAsync(OrderingDbContext changing, Order order, Guid returnId, CancellationToken cancellationToken)
    {
        var exchange = await changing.Set<OrderReturn>().AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == returnId && r.OrderId == order.Id, cancellationToken);
        if (exchange is null || !exchange.HasExchange) return new DeliveryOutcome.Unknown($"Order {order.Number} has no exchange {returnId}.");
        return exchange.CompletedAt is null
            ? new DeliveryOutcome.NotNow(exchange.Status.ToString().ToLowerInvariant(), $"Exchange {returnId} is not dispatched yet: the returned items have not been received.")
            : null;
    }

    private DeliveryOutcome Shipped(OrderingDbContext changing, Order order, List<Shipment> shipments, DeliveryWebhookData data)
    {
        if (shipments.Any(s => s.TrackingNumber == data.TrackingNumber)) return new DeliveryOutcome.Applied(Duplicate: true);
        if (data.ReturnId is null)
        {
            if (order.Status == OrderStatus.Paid) lifecycle.TryMove(changing, order, OrderStatus.Fulfilling, PickedUpReason);
            if (!lifecycle.TryMove(changing, order, OrderStatus.Shipped))
                return new DeliveryOutcome.NotNow(OrderTransitions.Kebab(order.Status), $"Order {order.Number} is {OrderTransitions.Kebab(order.Status)}: it cannot ship.");
        }

        var shipment = new Shipment
        {
            OrderId = order.Id,
            ReturnId = data.ReturnId,
            Carrier = data.Carrier!,
            TrackingNumber = data.TrackingNumber!,
            TrackingUrl = data.TrackingUrl,
            ShippedAt = clock.GetUtcNow(),
        };
        changing.Set<Shipment>().Add(shipment);
        changing.AddIntegrationEvent(new OrderShipped
        {
            OrderId = order.Id,
            OrderNumber = order.Number,
            UserId = order.UserId,
            ShipmentId = shipment.Id,
            ReturnId = shipment.ReturnId,
            Carrier = shipment.Carrier,
            TrackingNumber = shipment.TrackingNumber,
            TrackingUrl = shipment.TrackingUrl,
            OccurredAt = shipment.ShippedAt,
        });
        return new DeliveryOutcome.Applied(Duplicate: false);
    }

    private DeliveryOutcome Delivered(OrderingDbContext changing, Order order, List<Shipment> shipments, DeliveryWebhookData data)
    {
        // A parcel is named by its tracking number; without one, the order's only parcel.
        var shipment = data.TrackingNumber is { } tracking
            ? shipments.SingleOrDefault(s => s.TrackingNumber == tracking)
            : shipments.Count == 1 ? shipments[0] : null;
        if (shipment is null)
            return new DeliveryOutcome.NotNow(OrderTransitions.Kebab(order.Status), $"Order {order.Number} has no shipped parcel {data.TrackingNumber}: it cannot be delivered before it ships.");
        if (shipment.DeliveredAt is not null) return new DeliveryOutcome.Applied(Duplicate: true);
        if (data.ReturnId is null && order.Status != OrderStatus.Delivered && !lifecycle.TryMove(changing, order, OrderStatus.Delivered))
            return new DeliveryOutcome.NotNow(OrderTransitions.Kebab(order.Status), $"Order {order.Number} is {OrderTransitions.Kebab(order.Status)}: it cannot be delivered.");

        shipment.DeliveredAt = clock.GetUtcNow();
        changing.AddIntegrationEvent(new OrderDelivered
        {
            OrderId = order.Id,
            OrderNumber = order.Number,
            UserId = order.UserId,
            ShipmentId = shipment.Id,
            ReturnId = shipment.ReturnId,
            DeliveredAt = shipment.DeliveredAt.Value,
            OccurredAt = shipment.DeliveredAt.Value,
        });
        return new DeliveryOutcome.Applied(Duplicate: false);
    }

    private Task<bool> AlreadyProcessedAsync(string messageId, CancellationToken cancellationToken) =>
        db.Set<ProcessedDeliveryMessage>().AnyAsync(m => m.MessageId == messageId, cancellationToken);

    [LoggerMessage(LogLevel.Information, "Delivery event {Type} for order {OrderNumber} refused for now: the order is {Status}")]
    private partial void LogNotNow(string type, string orderNumber, string status);
}
