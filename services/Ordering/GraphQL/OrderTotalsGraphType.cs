using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class OrderTotalsGraphType : ObjectGraphType<Order>
{
    public OrderTotalsGraphType()
    {
        Name = "OrderTotals";
        Field<NonNullGraphType<MoneyGraphType>>("subtotal").Resolve(c => new Money(c.Source.SubtotalMinor, c.Source.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("discount").Resolve(c => new Money(c.Source.DiscountMinor, c.Source.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("shipping").Resolve(c => new Money(c.Source.ShippingMinor, c.Source.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("tax").Resolve(c => new Money(c.Source.TaxMinor, c.Source.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("total").Resolve(c => new Money(c.Source.TotalMinor, c.Source.Currency));
        Field<NonNullGraphType<BooleanGraphType>>("taxIncluded").Description("Whether prices include the tax (VAT) or it is added").Resolve(c => c.Source.PricesIncludeTax);
    }
}
