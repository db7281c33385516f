using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Catalog.Brands;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Search;
using SpaceOfSport.Catalog.Seed;
using SpaceOfSport.Catalog.Stock;
using SpaceOfSport.Catalog.Tests.Infrastructure;

namespace SpaceOfSport.Catalog.Tests.Data;

/// <summary>The catalog's data layer on SQLite and PostgreSQL: migrations, seed, constraints, concurrency, tree paths, schedule.</summary>
public sealed class RepositoryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_and_seed_give_a_full_sports_catalog(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await CatalogSeeder.SeedIfEmptyAsync(db)).Should().BeTrue();
            (await CatalogSeeder.SeedIfEmptyAsync(db)).Should().BeFalse("a second run finds the catalog loaded");
        }

        await using var read = database.NewContext();
        (await read.Products.CountAsync()).Should().BeGreaterThanOrEqualTo(1000);
        (await read.Variants.CountAsync()).Should().BeGreaterThanOrEqualTo(5000);
        (await read.Sports.Select(s => s.Slug).ToListAsync()).Should().BeEquivalentTo(["running", "football", "basketball", "tennis", "cycling", "fitness", "outdoor"]);
        var sizes = await read.Variants.Select(v => v.Size).Distinct().ToListAsync();
        sizes.Should().Contain(["XS", "S", "M", "L", "XL", "XXL", "One size", "EU 42 / US 9 / UK 8.5"]);
        var skus = await read.Variants.Select(v => v.Sku).ToListAsync();
        skus.Should().OnlyContain(sku => System.Text.RegularExpressions.Regex.IsMatch(sku, "^SOS-[0-9]{6}-[A-Z0-9]+-[A-Z]{3}$"));
        var first = await read.Products.Include(p => p.Sports).Include(p => p.Variants).SingleAsync(p => p.Number == 1);
        first.Variants.Should().OnlyContain(v => v.Sku.StartsWith("SOS-000001-", StringComparison.Ordinal));
        first.Sports.Should().NotBeEmpty();
        first.Attributes.Should().ContainKey("material");

        // Every seeded product is announced like a new one (inventory stocks its SKUs from these events).
        var announced = await read.Set<OutboxMessage>().Where(m => m.EventType == "spaceofsport.catalog.product-changed.v1").Select(m => m.Payload).ToListAsync();
        announced.Should().HaveCount(await read.Products.CountAsync());
        announced.Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement.GetProperty("skus").GetArrayLength()).Sum().Should().Be(skus.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Stock_reports_keep_the_newest_per_sku_and_reload_after_a_restart(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var noon = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var running = new StockLevels();
        await using (var db = database.NewContext())
        {
            var store = new StockLevelStore(db, running);
            await store.RecordAsync("SOS-000001-M-BLK", 4, noon, CancellationToken.None);
            await store.RecordAsync("SOS-000001-M-BLK", 0, noon.AddSeconds(2), CancellationToken.None);
            await store.RecordAsync("SOS-000001-M-BLK", 9, noon.AddSeconds(1), CancellationToken.None); // delivered late: older
            await store.RecordAsync("SOS-000001-L-BLK", 3, noon, CancellationToken.None);
            await store.RecordAsync("SOS-000001-L-BLK", 3, noon, CancellationToken.None); // redelivered
        }

        var restarted = new StockLevels();
        await using (var db = database.NewContext()) await new StockLevelStore(db, restarted).LoadAsync(CancellationToken.None);

        foreach (var levels in new[] { running, restarted })
        {
            levels.IsInStock(levels.SlotOf("SOS-000001-M-BLK")).Should().BeFalse("the newest report says 0");
            levels.IsInStock(levels.SlotOf("SOS-000001-L-BLK")).Should().BeTrue();
            levels.IsInStock(levels.SlotOf("SOS-000001-S-BLK")).Should().BeFalse("inventory never reported it");
        }

        await using var read = database.NewContext();
        (await read.StockLevels.SingleAsync(l => l.Sku == "SOS-000001-M-BLK")).Available.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_duplicate_sku_is_refused_by_the_unique_index(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var product = await ProductAsync(database);
        await using var db = database.NewContext();
        db.Variants.Add(new Variant { ProductId = product.Id, Sku = product.Variants.First().Sku, Size = "M", Colour = "Red", PriceMinor = 100 });

        var save = () => db.SaveChangesAsync();

        (await save.Should().ThrowAsync<DbUpdateException>()).Which.Should().Match<DbUpdateException>(e => e.IsUniqueViolation());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_edits_of_one_version_conflict(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var product = await ProductAsync(database);
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var a = await first.Products.SingleAsync(p => p.Id == product.Id);
        var b = await second.Products.SingleAsync(p => p.Id == product.Id);
        a.Name = "First";
        a.Version++;
        b.Name = "Second";
        b.Version++;
        await first.SaveChangesAsync();

        var save = () => second.SaveChangesAsync();

        await save.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Subtrees_are_one_path_prefix_and_times_order(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var seed = database.NewContext()) await CatalogSeeder.SeedIfEmptyAsync(seed, productCount: 60);
        await using var db = database.NewContext();
        var footwear = await db.Categories.SingleAsync(c => c.Slug == "footwear");

        var subtree = await db.Categories.Where(c => c.Path.StartsWith(footwear.Path)).Select(c => c.Slug).ToListAsync();
        var newest = await db.Products.OrderByDescending(p => p.CreatedAt).Select(p => p.Number).FirstAsync();

        subtree.Should().Contain(["footwear", "running-shoes", "trail-running-shoes", "hiking-boots"]).And.NotContain("clothing");
        newest.Should().Be(60, "later product numbers were created later");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_flash_sale_schedule_publishes_each_transition_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var product = await ProductAsync(database);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using (var db = database.NewContext())
        {
            db.FlashSales.Add(new FlashSale
            {
                Name = "Noon sale",
                ProductIds = [product.Id],
                PercentOff = 30,
                StartsAt = clock.GetUtcNow().AddMinutes(1),
                EndsAt = clock.GetUtcNow().AddMinutes(2),
            });
            await db.SaveChangesAsync();
        }

        async Task<int> RunAsync()
        {
            await using var db = database.NewContext();
            return await new FlashSaleSchedule(db, clock, Updater()).RunAsync(CancellationToken.None);
        }

        (await RunAsync()).Should().Be(0, "nothing is due before the start");
        clock.Advance(TimeSpan.FromMinutes(1));
        var concurrent = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());
        (await RunAsync()).Should().Be(0);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await RunAsync()).Should().Be(1);
        (await RunAsync()).Should().Be(0);

        await using var read = database.NewContext();
        var types = await read.Set<OutboxMessage>().OrderBy(m => m.Sequence).Select(m => m.EventType).ToListAsync();
        types.Should().Equal("spaceofsport.catalog.flash-sale-started.v1", "spaceofsport.catalog.flash-sale-ended.v1");
        concurrent.Sum().Should().BeLessThanOrEqualTo(1).And.BeGreaterThanOrEqualTo(0);
        (await read.FlashSales.SingleAsync()).State.Should().Be(FlashSaleState.Ended);
    }

    private static SearchIndexUpdater Updater() => new(
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        new SearchIndex(new StockLevels(), TimeProvider.System),
        NullLogger<SearchIndexUpdater>.Instance);

    private static async Task<Product> ProductAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var brand = new Brand { Name = "Brand", Slug = $"brand-{Guid.NewGuid():N}" };
        var category = new Category { Name = "Category", Slug = $"cat-{Guid.NewGuid():N}" };
        category.Path = Category.PathOf(null, category.Id);
        var product = new Product { Name = "Product", Slug = $"p-{Guid.NewGuid():N}", Number = 1, BrandId = brand.Id, CategoryId = category.Id, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch };
        product.Variants.Add(new Variant { Sku = Product.SkuOf(1, "M", "BLK"), Size = "M", Colour = "Black", PriceMinor = 1999 });
        db.AddRange(brand, category, product);
        await db.SaveChangesAsync();
        return product;
    }
}
