using CsCheck;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.Catalog.Stock;

namespace SpaceOfSport.Catalog.Tests.Search;

/// <summary>
/// Property-based (CsCheck): over random small catalogs, stock levels, flash sales and queries, the index agrees with a
/// plain reference written straight from the documented semantics (see SearchEvaluation): the matches, their prices,
/// the page for any sort/offset, and every facet count = the number of products the search returns with that value
/// selected instead (disjunctive facets).
/// </summary>
public sealed class SearchSemanticsPropertyTests
{
    private static readonly string[] BrandSlugs = ["alpha", "bravo", "charlie"];
    private static readonly string[] SportSlugs = ["running", "tennis", "cycling"];
    private static readonly string[] SizeNames = ["S", "M", "L", "EU 42"];
    private static readonly string[] ColourNames = ["Black", "Red", "Blue"];
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    // Category tree: footwear > running-shoes, and clothing.
    private static readonly CategoryNode Footwear = Node("footwear", null, 0);
    private static readonly CategoryNode RunningShoes = Node("running-shoes", Footwear, 1);
    private static readonly CategoryNode Clothing = Node("clothing", null, 0);
    private static readonly CategoryNode[] Leaves = [Footwear, RunningShoes, Clothing];

    private sealed record GenVariant(int Size, int Colour, int PriceEuros, bool InStock);

    private sealed record GenProduct(int Brand, int[] Sports, int Category, AgeGroup AgeGroup, int UnitsSold, GenVariant[] Variants);

    private sealed record Catalog(GenProduct[] Products, int[] SaleProducts, int SalePercentOff);

    private static readonly Gen<GenVariant> AnyVariant =
        from size in Gen.Int[0, SizeNames.Length - 1]
        from colour in Gen.Int[0, ColourNames.Length - 1]
        from price in Gen.Int[0, 300]
        from inStock in Gen.Bool
        select new GenVariant(size, colour, price, inStock);

    private static readonly Gen<GenProduct> AnyProduct =
        from brand in Gen.Int[0, BrandSlugs.Length - 1]
        from sports in Gen.Int[0, SportSlugs.Length - 1].HashSet[0, 2]
        from category in Gen.Int[0, Leaves.Length - 1]
        from ageGroup in Gen.Enum<AgeGroup>()
        from unitsSold in Gen.Int[0, 5]
        from variants in AnyVariant.Array[1, 5]
        select new GenProduct(brand, [.. sports.Order()], category, ageGroup, unitsSold, variants);

    private static readonly Gen<Catalog> AnyCatalog =
        from products in AnyProduct.Array[0, 25]
        from saleProducts in Gen.Int[0, 24].HashSet[0, 4]
        from percentOff in Gen.Int[10, 60]
        select new Catalog(products, [.. saleProducts], percentOff);

    private static readonly Gen<SearchQuery> AnyQuery =
        from category in Gen.OneOf<string?>(null, "footwear", "running-shoes", "clothing")
        from brands in Subset(BrandSlugs)
        from sports in Subset(SportSlugs)
        from sizes in Subset(SizeNames)
        from colours in Subset(ColourNames)
        from ageGroup in Gen.OneOf<AgeGroup?>(null, AgeGroup.Unisex, AgeGroup.Men, AgeGroup.Women, AgeGroup.Kids)
        from min in Gen.Int[-100, 200].Select(p => p < 0 ? null : (long?)(p * 100L))
        from max in Gen.Int[-100, 300].Select(p => p < 0 ? null : (long?)(p * 100L))
        from inStock in Gen.OneOf<bool?>(null, true, false)
        from sort in Gen.Enum<SearchSort>()
        from first in Gen.Int[1, 8]
        from offset in Gen.Int[0, 10]
        select new SearchQuery
        {
            CategorySlug = category,
            Brands = brands,
            Sports = sports,
            Sizes = sizes,
            Colours = colours,
            AgeGroup = ageGroup,
            MinPriceMinor = min,
            MaxPriceMinor = max,
            InStock = inStock,
            Sort = sort,
            First = first,
            Offset = offset,
        };

    [Fact]
    public void Search_agrees_with_the_reference_semantics()
    {
        Gen.Select(AnyCatalog, AnyQuery).Sample((catalog, query) =>
        {
            var (snapshot, stock) = Build(catalog);
            var actual = snapshot.Search(query, Now, stock);
            var reference = new Reference(snapshot, stock);

            var expected = reference.Matches(query);
            actual.TotalCount.Should().Be(expected.Count);
            actual.Items.Select(p => (p.Document.Slug, p.PriceMinor, p.InStock)).Should()
                .Equal(reference.Page(expected, query).Select(m => (m.Document.Slug, m.Price, m.InStock)));

            Counts(actual.Facets.Brands).Should().BeEquivalentTo(reference.Facet(BrandSlugs, slug => query with { Brands = [slug] }));
            Counts(actual.Facets.Sports).Should().BeEquivalentTo(reference.Facet(SportSlugs, slug => query with { Sports = [slug] }));
            Counts(actual.Facets.Sizes).Should().BeEquivalentTo(reference.Facet(SizeNames, size => query with { Sizes = [size] }));
            Counts(actual.Facets.Colours).Should().BeEquivalentTo(reference.Facet(ColourNames, colour => query with { Colours = [colour] }));
            Counts(actual.Facets.InStock).Should().BeEquivalentTo(reference.Facet(["true", "false"], value => query with { InStock = value == "true" }, keepZeros: true));
            Counts(actual.Facets.PriceBands).Should().BeEquivalentTo(reference.PriceBands(query));
            Counts(actual.Facets.Categories).Should().BeEquivalentTo(reference.Facet(Leaves.Select(c => c.Slug).ToArray(), slug => query with { CategorySlug = slug }, onlyWithin: expected));
        }, iter: 400, threads: 1);
    }

    private static Dictionary<string, int> Counts(IReadOnlyList<FacetValue> facet) => facet.ToDictionary(f => f.Value, f => f.Count);

    private static Gen<IReadOnlyList<string>> Subset(string[] values) =>
        Gen.Int[0, values.Length - 1].HashSet[0, 2].Select(ids => (IReadOnlyList<string>)[.. ids.Order().Select(i => values[i])]);

    private static CategoryNode Node(string slug, CategoryNode? parent, int depth)
    {
        var id = Guid.NewGuid();
        return new CategoryNode(id, parent?.Id, slug, slug, depth, 0, [.. parent?.Ancestors ?? [], id]);
    }

    private static (SearchSnapshot, StockLevels) Build(Catalog catalog)
    {
        var stock = new StockLevels();
        var documents = catalog.Products.Select((p, number) =>
        {
            var variants = p.Variants.Select((v, i) =>
            {
                var sku = $"SKU-{number}-{i}";
                stock.Set(sku, v.InStock ? 3 : 0, 1);
                return new VariantDocument(Guid.NewGuid(), sku, SizeNames[v.Size], ColourNames[v.Colour], v.PriceEuros * 100L, "EUR", null, stock.SlotOf(sku));
            }).ToList();
            var category = Leaves[p.Category];
            return new ProductDocument(Guid.NewGuid(), number + 1, $"product-{number + 1}", $"Product {number + 1}", "", BrandSlugs[p.Brand], BrandSlugs[p.Brand],
                category.Id, category.Ancestors, [.. p.Sports.Select(s => new SportRef(SportSlugs[s], SportSlugs[s]))], p.AgeGroup, [],
                new Dictionary<string, string>(), Now.AddDays(-number * 7 % 11), p.UnitsSold, variants);
        }).ToList();
        var sale = new FlashSale
        {
            Name = "Sale",
            ProductIds = [.. catalog.SaleProducts.Where(i => i < documents.Count).Select(i => documents[i].Id)],
            PercentOff = catalog.SalePercentOff,
            StartsAt = Now.AddHours(-1),
            EndsAt = Now.AddHours(1),
        };
        return (new SearchSnapshot(documents, [Footwear, RunningShoes, Clothing], [sale]), stock);
    }

    /// <summary>The documented semantics, written the plain way.</summary>
    private sealed class Reference(SearchSnapshot snapshot, StockLevels stock)
    {
        public sealed record Hit(ProductDocument Document, long Price, bool InStock);

        public List<Hit> Matches(SearchQuery query) => [.. snapshot.Products.Select(p => Match(p, query)).OfType<Hit>()];

        public IEnumerable<Hit> Page(List<Hit> matches, SearchQuery query)
        {
            IEnumerable<Hit> ordered = query.Sort switch
            {
                SearchSort.PriceAsc => matches.OrderBy(h => h.Price),
                SearchSort.PriceDesc => matches.OrderByDescending(h => h.Price),
                SearchSort.Newest => matches.OrderByDescending(h => h.Document.CreatedAt),
                SearchSort.BestSelling => matches.OrderByDescending(h => h.Document.UnitsSold),
                _ => matches.OrderByDescending(h => 0f).ThenByDescending(h => h.Document.UnitsSold),
            };
            return ((IOrderedEnumerable<Hit>)ordered).ThenBy(h => h.Document.Number).Skip(query.Offset).Take(query.First);
        }

        public Dictionary<string, int> Facet(string[] values, Func<string, SearchQuery> selecting, bool keepZeros = false, List<Hit>? onlyWithin = null)
        {
            var counts = values.ToDictionary(v => v, v => onlyWithin is null
                ? Matches(selecting(v)).Count
                : onlyWithin.Count(h => Matches(selecting(v)).Any(m => m.Document == h.Document)));
            return keepZeros ? counts : counts.Where(c => c.Value > 0).ToDictionary();
        }

        public Dictionary<string, int> PriceBands(SearchQuery query)
        {
            var unbounded = Matches(query with { MinPriceMinor = null, MaxPriceMinor = null });
            return PriceBand.All.ToDictionary(b => b.Value, b => unbounded.Count(h => b.Contains(h.Price)));
        }

        private Hit? Match(ProductDocument product, SearchQuery query)
        {
            if (query.CategorySlug is { } slug && !product.CategoryPath.Contains(snapshot.CategoriesBySlug[slug].Id)) return null;
            if (query.Brands.Count > 0 && !query.Brands.Contains(product.BrandSlug)) return null;
            if (query.Sports.Count > 0 && !product.Sports.Any(s => query.Sports.Contains(s.Slug))) return null;
            if (query.AgeGroup is { } ageGroup && product.AgeGroup != ageGroup) return null;
            var sales = snapshot.ActiveSales(Now);
            var passing = product.Variants
                .Select(v => (Price: SearchSnapshot.EffectivePrice(product.Id, v, sales), InStock: stock.IsInStock(v.StockSlot), Variant: v))
                .Where(v => query.Sizes.Count == 0 || query.Sizes.Contains(v.Variant.Size))
                .Where(v => query.Colours.Count == 0 || query.Colours.Contains(v.Variant.Colour))
                .Where(v => v.Price >= (query.MinPriceMinor ?? long.MinValue) && v.Price <= (query.MaxPriceMinor ?? long.MaxValue))
                .ToList();
            var inStock = passing.Where(v => v.InStock).ToList();
            return query.InStock switch
            {
                true when inStock.Count > 0 => new Hit(product, inStock.Min(v => v.Price), true),
                false when passing.Count > 0 && inStock.Count == 0 => new Hit(product, passing.Min(v => v.Price), false),
                null when passing.Count > 0 => new Hit(product, passing.Min(v => v.Price), inStock.Count > 0),
                _ => null,
            };
        }
    }
}
