using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class ProductGraphType : ObjectGraphType<PricedProduct>
{
    public ProductGraphType()
    {
        Name = "Product";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Document.Id);
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Document.Number);
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(c => c.Source.Document.Slug);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Document.Name);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Document.Description);
        Field<NonNullGraphType<BrandGraphType>>("brand").Resolve(c => new SportRef(c.Source.Document.BrandSlug, c.Source.Document.BrandName));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BrandGraphType>>>>("sports").Resolve(c => c.Source.Document.Sports);
        Field<NonNullGraphType<EnumerationGraphType<AgeGroup>>>("ageGroup").Resolve(c => c.Source.Document.AgeGroup);
        Field<CategoryGraphType>("category").Resolve(c =>
            c.RequestServices!.GetRequiredService<SearchIndex>().Current.Categories.GetValueOrDefault(c.Source.Document.CategoryId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("images").Resolve(c => c.Source.Document.Images);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttributeGraphType>>>>("attributes").Resolve(c => c.Source.Document.Attributes.ToList());
        Field<NonNullGraphType<MoneyGraphType>>("price").Description("The lowest price of its variants now (a running flash sale applied)")
            .Resolve(c => new Money(c.Source.PriceMinor, c.Source.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("listPrice").Resolve(c => new Money(c.Source.ListPriceMinor, c.Source.Currency));
        Field<NonNullGraphType<BooleanGraphType>>("onSale").Resolve(c => c.Source.OnSale);
        Field<NonNullGraphType<BooleanGraphType>>("inStock").Resolve(c => c.Source.InStock);
        Field<NonNullGraphType<IntGraphType>>("unitsSold").Resolve(c => c.Source.Document.UnitsSold);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.Document.CreatedAt);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Relevance to the search text (0 without text)").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VariantGraphType>>>>("variants").Resolve(c =>
        {
            // The product came from this request's search or product lookup, which recorded reading its stock (StockReads).
            var index = c.RequestServices!.GetRequiredService<SearchIndex>();
            var sales = index.Current.ActiveSales(index.Now);
            return c.Source.Document.Variants
                .Select(v => new PricedVariant(v, SearchSnapshot.EffectivePrice(c.Source.Document.Id, v, sales), index.Stock.IsInStock(v.StockSlot)))
                .ToList();
        });
    }
}
