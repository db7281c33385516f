using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Analytics.Data;
using SpaceOfSport.Analytics.Events;
using SpaceOfSport.Analytics.Products;
using SpaceOfSport.Analytics.Recommendations;
using SpaceOfSport.Analytics.Stock;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Inventory;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Contracts.Events.Payments;

namespace SpaceOfSport.Analytics.Apis;

/// <summary>
/// The business events analytics subscribes to, each recorded once by its event id (a redelivery changes nothing):
/// order-paid (sales, co-purchases), payments' refund-succeeded, cart-abandoned (valued at last known prices),
/// return-requested (return reasons), stock-changed (stock-outs), price-changed (last known prices), product-changed
/// (the product's facts, read from the catalog) and flash-sale started/ended. A malformed event is dropped; a database
/// failure, or a catalog that does not answer, asks for redelivery.
/// </summary>
public static class BusinessEventsApi
{
    public static IEndpointRouteBuilder MapBusinessEventsApi(this IEndpointRouteBuilder app)
    {
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BusinessEventsApi).FullName!);

        Subscribe<OrderPaid>(app, "/events/ordering/order-paid", logger, (message, _, _) =>
        {
            if (message.OrderId == Guid.Empty) return Task.FromResult<Recording>(new Invalid("orderId", "is missing"));
            if (string.IsNullOrWhiteSpace(message.Currency)) return Task.FromResult<Recording>(new Invalid("currency", "is missing"));
            var lines = (message.Lines ?? []).Where(l => !string.IsNullOrWhiteSpace(l.Sku)).ToList();
            return Task.FromResult<Recording>(new Valid(new RecordedEvent
            {
                Id = message.Id,
                Type = EventTypes.OrderPaid,
                OccurredAt = message.OccurredAt,
                UserId = message.UserId == Guid.Empty ? null : message.UserId,
                OrderId = message.OrderId,
                AmountMinor = message.TotalMinor,
                Currency = message.Currency,
                Lines = [.. lines.Select(l => new EventLine(l.Sku, l.Quantity, l.LineTotalMinor))],
            }, async (db, fresh, token) =>
            {
                await SkuPrices.RecordAsync(db, lines.Select(l => (l.Sku, l.UnitPriceMinor, message.Currency, message.OccurredAt)), token);
                await CoPurchaseModel.AddOrdersAsync(db, fresh, token);
            }));
        });
        Subscribe<RefundSucceeded>(app, "/events/payments/refund-succeeded", logger, (message, _, _) => Task.FromResult<Recording>(
            string.IsNullOrWhiteSpace(message.Currency) ? new Invalid("currency", "is missing") : new Valid(new RecordedEvent
            {
                Id = message.Id,
                Type = EventTypes.Refunded,
                OccurredAt = message.OccurredAt,
                OrderId = message.OrderId,
                AmountMinor = message.Amount,
                Currency = message.Currency,
            })));
        Subscribe<CartAbandoned>(app, "/events/cart/cart-abandoned", logger, async (message, db, token) =>
        {
            var (lines, currency) = await SkuPrices.EstimateAsync(db, [.. (message.Lines ?? []).Where(l => !string.IsNullOrWhiteSpace(l.Sku)).Select(l => (l.Sku, l.Quantity))], token);
            return new Valid(new RecordedEvent
            {
                Id = message.Id,
                Type = EventTypes.CartAbandoned,
                OccurredAt = message.OccurredAt,
                UserId = message.UserId,
                AmountMinor = lines.Sum(l => l.AmountMinor),
                Currency = currency,
                Lines = [.. lines.Select(l => new EventLine(l.Sku, l.Quantity, l.AmountMinor))],
            });
        });
        Subscribe<ReturnRequested>(app, "/events/ordering/return-requested", logger, (message, _, _) => Task.FromResult<Recording>(new Valid(new RecordedEvent
        {
            Id = message.Id,
            Type = EventTypes.ReturnRequested,
            OccurredAt = message.OccurredAt,
            UserId = message.UserId,
            OrderId = message.OrderId,
            Lines = [.. (message.Lines ?? []).Where(l => !string.IsNullOrWhiteSpace(l.Sku)).Select(l => new EventLine(l.Sku, l.Quantity, 0, l.Reason))],
        })));
        Subscribe<StockChanged>(app, "/events/inventory/stock-changed", logger, (message, _, _) => Task.FromResult<Recording>(
            string.IsNullOrWhiteSpace(message.Sku) || message.Sku.Length > RecordedEvent.MaxSkuLength
                ? new Invalid("sku", $"must be 1 to {RecordedEvent.MaxSkuLength} characters")
                : new Valid(new RecordedEvent
                {
                    Id = message.Id,
                    Type = EventTypes.StockChanged,
                    OccurredAt = message.OccurredAt,
                    Sku = message.Sku,
                    Quantity = (int)Math.Clamp(message.TotalAvailable, 0, int.MaxValue),
                }, StockOuts.ApplyAsync)));
        Subscribe<PriceChanged>(app, "/events/catalog/price-changed", logger, (message, _, _) => Task.FromResult<Recording>(
            string.IsNullOrWhiteSpace(message.Sku) || message.Sku.Length > RecordedEvent.MaxSkuLength || string.IsNullOrWhiteSpace(message.Currency)
                ? new Invalid("sku", "a SKU and a currency are required")
                : new Valid(new RecordedEvent
                {
                    Id = message.Id,
                    Type = EventTypes.PriceChanged,
                    OccurredAt = message.OccurredAt,
                    Sku = message.Sku,
                    ProductId = message.ProductId,
                    AmountMinor = message.NewPriceMinor,
                    Currency = message.Currency,
                }, (db, _, token) => SkuPrices.RecordAsync(db, [(message.Sku, message.NewPriceMinor, message.Currency, message.OccurredAt)], token))));
        Subscribe<ProductChanged>(app, "/events/catalog/product-changed", logger, async (message, _, token) =>
        {
            if (message.ProductId == Guid.Empty) return new Invalid("productId", "is missing");
            var read = message.Deleted ? null : await app.ServiceProvider.GetRequiredService<CatalogFactsReader>().ReadAsync(message.ProductId, token);
            return new Valid(ProductCatalog.Announcement(message.Id, message.ProductId, message.OccurredAt),
                (db, _, applyToken) => ProductCatalog.ApplyAsync(db, message.ProductId, message.OccurredAt, read, applyToken));
        });
        Subscribe<FlashSaleStarted>(app, "/events/catalog/flash-sale-started", logger, (message, _, _) => Task.FromResult<Recording>(
            message.FlashSaleId == Guid.Empty || message.EndsAt <= message.StartsAt
                ? new Invalid("flashSaleId", "a sale id and an end after the start are required")
                : new Valid(new RecordedEvent { Id = message.Id, Type = EventTypes.FlashSaleStarted, OccurredAt = message.OccurredAt },
                    (db, _, token) => FlashSales.FlashSales.StartedAsync(db, message.FlashSaleId, message.Name ?? "", message.ProductIds ?? [], message.VariantIds ?? [], message.StartsAt, message.EndsAt, token))));
        Subscribe<FlashSaleEnded>(app, "/events/catalog/flash-sale-ended", logger, (message, _, _) => Task.FromResult<Recording>(
            message.FlashSaleId == Guid.Empty
                ? new Invalid("flashSaleId", "is missing")
                : new Valid(new RecordedEvent { Id = message.Id, Type = EventTypes.FlashSaleEnded, OccurredAt = message.OccurredAt },
                    (db, _, token) => FlashSales.FlashSales.EndedAsync(db, message.FlashSaleId, message.ProductIds ?? [], message.VariantIds ?? [], message.EndedAt, token))));
        return app;
    }

    private abstract record Recording;

    private sealed record Valid(RecordedEvent Event, Func<AnalyticsDbContext, IReadOnlyList<RecordedEvent>, CancellationToken, Task>? AlsoApply = null) : Recording;

    private sealed record Invalid(string Field, string Problem) : Recording;

    /// <summary>
    /// One subscription (<see cref="TopicSubscription"/>): an event without an id or with a field analytics cannot record
    /// is dropped; a database failure asks for redelivery.
    /// </summary>
    private static void Subscribe<TEvent>(IEndpointRouteBuilder app, string route, ILogger logger, Func<TEvent, AnalyticsDbContext, CancellationToken, Task<Recording>> translate)
        where TEvent : IntegrationEvent
    {
        var type = IntegrationEvent.CloudEventType<TEvent>();
        app.MapSubscription<TEvent>(DaprComponents.PubSub, route, logger, async (message, services, cancellationToken) =>
        {
            if (message.Id == Guid.Empty) return TopicDelivery.Drop(logger, type, "id", "is missing");
            try
            {
                switch (await translate(message, services.GetRequiredService<AnalyticsDbContext>(), cancellationToken))
                {
                    case Invalid invalid:
                        return TopicDelivery.Drop(logger, type, invalid.Field, invalid.Problem);
                    case Valid valid:
                        await services.GetRequiredService<EventRecorder>().RecordAsync([valid.Event], cancellationToken, valid.AlsoApply);
                        return TopicDelivery.Success;
                    default:
                        throw new InvalidOperationException("unexpected recording");
                }
            }
            catch (Exception exception) when (exception is DbException or DbUpdateException or CatalogUnavailableException)
            {
                throw new DependencyUnavailableException("the analytics database", exception);
            }
        });
    }
}
