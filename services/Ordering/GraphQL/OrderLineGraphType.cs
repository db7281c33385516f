using GraphQL.Types;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class OrderLineGraphType : ObjectGraphType<OrderLine>
{
    public OrderLineGraphType()
    {
        Name = "OrderLine";
        Field<NonNullGraphType<IntGraphType>>("lineNumber").Resolve(c => c.Source.LineNumber);
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Sku);
        Field<NonNullGraphType<StringGraphType>>("productName").Resolve(c => c.Source.ProductName);
        Field<StringGraphType>("size").Resolve(c => c.Source.Size);
        Field<StringGraphType>("colour").Resolve(c => c.Source.Colour);
        Field<NonNullGraphType<IntGraphType>>("quantity").Resolve(c => c.Source.Quantity);
        Field<NonNullGraphType<LongGraphType>>("unitPriceMinor").Resolve(c => c.Source.UnitPriceMinor);
        Field<NonNullGraphType<LongGraphType>>("lineTotalMinor").Resolve(c => c.Source.LineTotalMinor);
        Field<NonNullGraphType<LongGraphType>>("discountMinor").Resolve(c => c.Source.DiscountMinor);
        Field<NonNullGraphType<LongGraphType>>("taxMinor").Resolve(c => c.Source.TaxMinor);
    }
}
