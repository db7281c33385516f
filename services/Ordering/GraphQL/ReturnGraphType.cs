using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Ordering.Returns;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class ReturnGraphType : ObjectGraphType<OrderReturn>
{
    public ReturnGraphType()
    {
        Name = "Return";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<ReturnStatus>>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReturnLineGraphType>>>>("lines").Resolve(c => c.Source.Lines.OrderBy(l => l.LineNumber).ToList());
        Field<NonNullGraphType<MoneyGraphType>>("refund").Description("Paid back on receipt: the items, and shipping when the policy says so")
            .Resolve(c => new Money(c.Source.RefundMinor, c.Source.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("shippingRefund").Resolve(c => new Money(c.Source.ShippingRefundMinor, c.Source.Currency));
        Field<IdGraphType>("refundId").Description("Payments' refund, once made").Resolve(c => c.Source.RefundId);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<DateTimeOffsetGraphType>("decidedAt").Resolve(c => c.Source.DecidedAt);
        Field<StringGraphType>("rejectionReason").Resolve(c => c.Source.RejectionReason);
        Field<DateTimeOffsetGraphType>("receivedAt").Resolve(c => c.Source.ReceivedAt);
        Field<DateTimeOffsetGraphType>("completedAt").Resolve(c => c.Source.CompletedAt);
    }
}
