using GraphQL.Types;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class OrderGraphType : ObjectGraphType<Order>
{
    public OrderGraphType()
    {
        Name = "Order";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("number").Description("The number people quote, e.g. SOS-2026-000123").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<EnumerationGraphType<OrderStatus>>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("cancellationReason").Resolve(c => c.Source.CancellationReason);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<BooleanGraphType>>("guest").Resolve(c => c.Source.UserId is null);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("placedAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<OrderTotalsGraphType>>("totals").Resolve(c => c.Source);
        Field<NonNullGraphType<StringGraphType>>("shippingMethod").Resolve(c => c.Source.ShippingMethod);
        Field<NonNullGraphType<StringGraphType>>("country").Resolve(c => c.Source.Country);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineGraphType>>>>("lines")
            .Resolve(c => c.RequestServices!.GetRequiredService<OrderHistoryLoaders>().Lines.Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ShipmentGraphType>>>>("shipments")
            .Resolve(c => c.RequestServices!.GetRequiredService<OrderHistoryLoaders>().Shipments.Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatusEntryGraphType>>>>("timeline").Description("Every status the order went through, oldest first")
            .Resolve(c => c.RequestServices!.GetRequiredService<OrderHistoryLoaders>().Timeline.Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReturnGraphType>>>>("returns")
            .Resolve(c => c.RequestServices!.GetRequiredService<OrderHistoryLoaders>().Returns.Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PaymentGraphType>>>>("payments").Resolve(c => OrderPayment.Of(c.Source));
    }
}
