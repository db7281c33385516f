using GraphQL.Types;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class StatusEntryGraphType : ObjectGraphType<OrderStatusEntry>
{
    public StatusEntryGraphType()
    {
        Name = "StatusEntry";
        Field<NonNullGraphType<EnumerationGraphType<OrderStatus>>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.OccurredAt);
    }
}
