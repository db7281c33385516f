using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class VariantGraphType : ObjectGraphType<PricedVariant>
{
    public VariantGraphType()
    {
        Name = "Variant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Variant.Id);
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Variant.Sku);
        Field<NonNullGraphType<StringGraphType>>("size").Resolve(c => c.Source.Variant.Size);
        Field<NonNullGraphType<StringGraphType>>("colour").Resolve(c => c.Source.Variant.Colour);
        Field<NonNullGraphType<MoneyGraphType>>("price").Description("What it costs now (a running flash sale applied)")
            .Resolve(c => new Money(c.Source.PriceMinor, c.Source.Variant.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("listPrice").Resolve(c => new Money(c.Source.Variant.PriceMinor, c.Source.Variant.Currency));
        Field<MoneyGraphType>("compareAtPrice").Resolve(c =>
            c.Source.Variant.CompareAtPriceMinor is { } compareAt ? new Money(compareAt, c.Source.Variant.Currency) : null);
        Field<NonNullGraphType<BooleanGraphType>>("inStock").Resolve(c => c.Source.InStock);
    }
}
