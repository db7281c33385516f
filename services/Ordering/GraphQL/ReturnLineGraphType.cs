using GraphQL.Types;
using SpaceOfSport.Ordering.Returns;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class ReturnLineGraphType : ObjectGraphType<OrderReturnLine>
{
    public ReturnLineGraphType()
    {
        Name = "ReturnLine";
        Field<NonNullGraphType<IntGraphType>>("lineNumber").Resolve(c => c.Source.LineNumber);
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Sku);
        Field<NonNullGraphType<IntGraphType>>("quantity").Resolve(c => c.Source.Quantity);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<StringGraphType>("exchangeSku").Resolve(c => c.Source.ExchangeSku);
        Field<NonNullGraphType<LongGraphType>>("refundMinor").Resolve(c => c.Source.RefundMinor);
    }
}
