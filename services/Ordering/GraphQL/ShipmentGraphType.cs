using GraphQL.Types;
using SpaceOfSport.Ordering.Delivery;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class ShipmentGraphType : ObjectGraphType<Shipment>
{
    public ShipmentGraphType()
    {
        Name = "Shipment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("carrier").Resolve(c => c.Source.Carrier);
        Field<NonNullGraphType<StringGraphType>>("trackingNumber").Resolve(c => c.Source.TrackingNumber);
        Field<StringGraphType>("trackingUrl").Resolve(c => c.Source.TrackingUrl);
        Field<IdGraphType>("returnId").Description("Set when the parcel carries a return's exchange items").Resolve(c => c.Source.ReturnId);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("shippedAt").Resolve(c => c.Source.ShippedAt);
        Field<DateTimeOffsetGraphType>("deliveredAt").Resolve(c => c.Source.DeliveredAt);
    }
}
