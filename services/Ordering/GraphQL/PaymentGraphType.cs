using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class PaymentGraphType : ObjectGraphType<OrderPayment>
{
    public PaymentGraphType()
    {
        Name = "Payment";
        Field<StringGraphType>("paymentIntentId").Resolve(c => c.Source.PaymentIntentId);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<StringGraphType>>("status").Description("awaiting, succeeded, refunded or canceled").Resolve(c => c.Source.Status);
    }
}
