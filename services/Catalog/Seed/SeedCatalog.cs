using System.Globalization;
using SpaceOfSport.Catalog.Brands;
using SpaceOfSport.Catalog.Categories;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Catalog.Sports;

namespace SpaceOfSport.Catalog.Seed;

/// <summary>
/// A realistic sports catalog generated from a fixed seed: the same products, slugs, SKUs and prices on every run.
/// SKU = "SOS-" + 6-digit product number + "-" + size code + "-" + colour code (inventory seeds stock by it).
/// </summary>
public sealed class SeedCatalog
{
    public const int DefaultSeed = 20261124;

    public const int DefaultProductCount = 1200;

    public static readonly IReadOnlyList<SeedColour> Colours =
    [
        new("BLK", "Black", "black"), new("WHT", "White", "white"), new("RED", "Red", "red"), new("BLU", "Blue", "blue"),
        new("NVY", "Navy", "navy"), new("GRN", "Green", "green"), new("GRY", "Grey", "grey"), new("ORG", "Orange", "orange"),
        new("YEL", "Yellow", "yellow"), new("PNK", "Pink", "pink"),
    ];

    private static readonly (string Slug, string Name)[] SportNames =
    [
        ("running", "Running"), ("football", "Football"), ("basketball", "Basketball"), ("tennis", "Tennis"),
        ("cycling", "Cycling"), ("fitness", "Fitness"), ("outdoor", "Outdoor"),
    ];

    private static readonly (string Name, string[] Sports)[] BrandNames =
    [
        ("Stridex", ["running", "fitness"]), ("Pacewell", ["running"]), ("Aerofleet", ["running", "cycling"]),
        ("Kickline", ["football"]), ("Goalcraft", ["football"]), ("Hoopforge", ["basketball"]), ("Rimshot", ["basketball"]),
        ("Courtmaster", ["tennis"]), ("Baseline Pro", ["tennis"]), ("Velocita", ["cycling"]), ("Redline Cycling", ["cycling"]),
        ("IronPulse", ["fitness"]), ("Coreform", ["fitness"]), ("Summit Trail", ["outdoor", "running"]), ("Northpeak", ["outdoor"]),
        ("Alpenstock", ["outdoor"]), ("Tempo Athletics", ["running", "football", "basketball", "tennis", "fitness"]),
        ("Vanta Sport", ["running", "football", "basketball", "tennis", "cycling", "fitness", "outdoor"]),
        ("Kinetic Labs", ["fitness", "running", "cycling"]), ("Rallypoint", ["tennis", "basketball"]),
    ];

    /// <summary>Slug, name, parent slug (null: a root). Parents come before their children.</summary>
    private static readonly (string Slug, string Name, string? Parent)[] CategoryNames =
    [
        ("footwear", "Footwear", null), ("clothing", "Clothing", null), ("equipment", "Equipment", null), ("accessories", "Accessories", null),
        ("running-shoes", "Running Shoes", "footwear"), ("road-running-shoes", "Road Running Shoes", "running-shoes"),
        ("trail-running-shoes", "Trail Running Shoes", "running-shoes"), ("football-boots", "Football Boots", "footwear"),
        ("basketball-shoes", "Basketball Shoes", "footwear"), ("tennis-shoes", "Tennis Shoes", "footwear"),
        ("cycling-shoes", "Cycling Shoes", "footwear"), ("training-shoes", "Training Shoes", "footwear"), ("hiking-boots", "Hiking Boots", "footwear"),
        ("tops", "Tops", "clothing"), ("t-shirts", "T-Shirts", "tops"), ("jerseys", "Jerseys", "tops"), ("hoodies", "Hoodies & Sweatshirts", "tops"),
        ("bottoms", "Bottoms", "clothing"), ("shorts", "Shorts", "bottoms"), ("tights", "Tights & Leggings", "bottoms"), ("track-pants", "Track Pants", "bottoms"),
        ("jackets", "Jackets", "clothing"), ("socks", "Socks", "clothing"),
        ("balls", "Balls", "equipment"), ("footballs", "Footballs", "balls"), ("basketballs", "Basketballs", "balls"), ("tennis-balls", "Tennis Balls", "balls"),
        ("rackets", "Rackets", "equipment"), ("bike-gear", "Bike Gear", "equipment"), ("helmets", "Helmets", "bike-gear"), ("bike-lights", "Bike Lights", "bike-gear"),
        ("fitness-equipment", "Fitness Equipment", "equipment"), ("dumbbells", "Dumbbells", "fitness-equipment"), ("yoga-mats", "Yoga Mats", "fitness-equipment"),
        ("resistance-bands", "Resistance Bands", "fitness-equipment"), ("camping", "Camping", "equipment"), ("tents", "Tents", "camping"),
        ("backpacks", "Backpacks", "accessories"), ("bottles", "Bottles", "accessories"), ("caps", "Caps & Headwear", "accessories"),
    ];

    private static readonly ProductTemplate[] Templates =
    [
        new("running", "road-running-shoes", "Road Running Shoe", "shoe", SizeScheme.Shoe, 7999, 19999, 280, (320, 210, 120), "Engineered mesh", "responsive foam cushioning"),
        new("running", "trail-running-shoes", "Trail Running Shoe", "shoe", SizeScheme.Shoe, 8999, 18999, 320, (320, 210, 125), "Ripstop mesh", "a lugged grip outsole"),
        new("running", "t-shirts", "Running T-Shirt", "apparel", SizeScheme.Apparel, 1999, 4999, 140, (300, 250, 20), "Recycled polyester", "sweat-wicking fabric"),
        new("running", "tights", "Running Tights", "apparel", SizeScheme.Apparel, 2999, 7999, 200, (300, 250, 25), "Nylon-elastane", "reflective details"),
        new("running", "shorts", "Running Shorts", "apparel", SizeScheme.Apparel, 1999, 4999, 120, (300, 250, 20), "Woven polyester", "a zip pocket"),
        new("running", "jackets", "Running Jacket", "apparel", SizeScheme.Apparel, 5999, 14999, 250, (320, 260, 40), "Windproof nylon", "a packable hood"),
        new("running", "socks", "Running Socks", "apparel", SizeScheme.Apparel, 999, 1999, 60, (200, 100, 20), "Merino blend", "arch support"),
        new("running", "bottles", "Running Bottle", "equipment", SizeScheme.OneSize, 999, 2499, 120, (250, 80, 80), "BPA-free plastic", "a leak-proof cap"),
        new("football", "football-boots", "Football Boot", "shoe", SizeScheme.Shoe, 5999, 27999, 230, (310, 200, 110), "Synthetic leather", "firm-ground studs"),
        new("football", "jerseys", "Football Jersey", "apparel", SizeScheme.Apparel, 3999, 8999, 160, (300, 250, 20), "Recycled polyester", "breathable mesh panels"),
        new("football", "shorts", "Football Shorts", "apparel", SizeScheme.Apparel, 1999, 3999, 120, (300, 250, 20), "Polyester", "an elastic waistband"),
        new("football", "footballs", "Football", "ball", SizeScheme.Ball, 1999, 14999, 430, (230, 230, 230), "Thermo-bonded PU", "a true flight"),
        new("football", "socks", "Football Socks", "apparel", SizeScheme.Apparel, 999, 1999, 80, (300, 100, 20), "Polyamide", "cushioned soles"),
        new("basketball", "basketball-shoes", "Basketball Shoe", "shoe", SizeScheme.Shoe, 8999, 21999, 400, (330, 220, 140), "Leather and mesh", "ankle support"),
        new("basketball", "jerseys", "Basketball Jersey", "apparel", SizeScheme.Apparel, 2999, 7999, 150, (300, 250, 20), "Double-knit polyester", "a relaxed fit"),
        new("basketball", "shorts", "Basketball Shorts", "apparel", SizeScheme.Apparel, 2499, 5999, 180, (300, 250, 25), "Mesh polyester", "side pockets"),
        new("basketball", "basketballs", "Basketball", "ball", SizeScheme.Ball, 2499, 7999, 600, (245, 245, 245), "Composite leather", "deep channels for grip"),
        new("tennis", "tennis-shoes", "Tennis Shoe", "shoe", SizeScheme.Shoe, 6999, 16999, 360, (320, 210, 125), "Synthetic upper", "an all-court outsole"),
        new("tennis", "rackets", "Tennis Racket", "equipment", SizeScheme.Grip, 7999, 27999, 300, (690, 270, 30), "Graphite", "a 100 sq in head"),
        new("tennis", "tennis-balls", "Tennis Balls (4 pack)", "ball", SizeScheme.OneSize, 599, 1299, 240, (250, 70, 70), "Felt and rubber", "pressurised cans"),
        new("tennis", "t-shirts", "Tennis Polo", "apparel", SizeScheme.Apparel, 2999, 6999, 180, (300, 250, 20), "Piqué cotton", "UV protection"),
        new("cycling", "cycling-shoes", "Cycling Shoe", "shoe", SizeScheme.Shoe, 9999, 29999, 300, (310, 200, 110), "Microfibre", "a carbon sole"),
        new("cycling", "jerseys", "Cycling Jersey", "apparel", SizeScheme.Apparel, 4999, 12999, 150, (300, 250, 20), "Lycra", "three rear pockets"),
        new("cycling", "tights", "Cycling Bib Shorts", "apparel", SizeScheme.Apparel, 5999, 14999, 200, (300, 250, 25), "Lycra", "a chamois pad"),
        new("cycling", "helmets", "Cycling Helmet", "equipment", SizeScheme.Apparel, 4999, 24999, 280, (280, 220, 180), "EPS foam", "MIPS protection"),
        new("cycling", "bike-lights", "Bike Light Set", "equipment", SizeScheme.OneSize, 1999, 8999, 150, (150, 100, 60), "Aluminium", "USB-C charging"),
        new("fitness", "training-shoes", "Training Shoe", "shoe", SizeScheme.Shoe, 6999, 14999, 300, (310, 200, 115), "Knit upper", "a stable flat heel"),
        new("fitness", "t-shirts", "Training T-Shirt", "apparel", SizeScheme.Apparel, 1499, 3999, 150, (300, 250, 20), "Cotton blend", "a soft handfeel"),
        new("fitness", "tights", "Training Leggings", "apparel", SizeScheme.Apparel, 2999, 6999, 220, (300, 250, 25), "Nylon-elastane", "a high waist"),
        new("fitness", "hoodies", "Training Hoodie", "apparel", SizeScheme.Apparel, 3999, 8999, 450, (350, 280, 60), "Brushed fleece", "a kangaroo pocket"),
        new("fitness", "dumbbells", "Dumbbell Pair", "equipment", SizeScheme.OneSize, 2499, 14999, 10000, (350, 150, 150), "Cast iron", "a knurled grip"),
        new("fitness", "yoga-mats", "Yoga Mat", "equipment", SizeScheme.OneSize, 1999, 8999, 1200, (620, 150, 150), "Natural rubber", "a non-slip surface"),
        new("fitness", "resistance-bands", "Resistance Band Set", "equipment", SizeScheme.OneSize, 999, 3999, 400, (200, 150, 60), "Latex", "five resistance levels"),
        new("outdoor", "hiking-boots", "Hiking Boot", "shoe", SizeScheme.Shoe, 9999, 24999, 600, (330, 220, 160), "Nubuck leather", "a waterproof membrane"),
        new("outdoor", "jackets", "Hiking Jacket", "apparel", SizeScheme.Apparel, 8999, 29999, 450, (350, 280, 60), "Three-layer shell", "taped seams"),
        new("outdoor", "track-pants", "Hiking Trousers", "apparel", SizeScheme.Apparel, 4999, 11999, 350, (320, 260, 40), "Stretch softshell", "zip-off legs"),
        new("outdoor", "tents", "Tent", "equipment", SizeScheme.OneSize, 9999, 49999, 2500, (500, 180, 180), "Ripstop polyester", "a freestanding design"),
        new("outdoor", "backpacks", "Hiking Backpack", "equipment", SizeScheme.OneSize, 4999, 19999, 1300, (600, 320, 250), "Recycled nylon", "an adjustable back system"),
        new("outdoor", "caps", "Sun Cap", "apparel", SizeScheme.OneSize, 1499, 3499, 80, (280, 200, 120), "Quick-dry polyester", "UPF 50 protection"),
    ];

    private static readonly string[] ModelWords =
    [
        "Aero", "Apex", "Blaze", "Bolt", "Breeze", "Comet", "Cruise", "Drift", "Edge", "Elite", "Flash", "Flow", "Flux", "Glide",
        "Nova", "Orbit", "Pulse", "Quest", "Rapid", "Ridge", "Rush", "Sonic", "Spark", "Storm", "Strike", "Summit", "Surge",
        "Swift", "Tempo", "Terra", "Titan", "Vector", "Velo", "Vortex", "Zenith", "Zephyr",
    ];

    private static readonly string[] Qualifiers = ["", "", "Pro", "Lite", "Max", "Elite", "Plus", "GTX", "Evo"];

    public SeedCatalog(int productCount = DefaultProductCount, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var epoch = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

        Sports = [.. SportNames.Select(s => new Sport { Name = s.Name, Slug = s.Slug })];
        var sportsBySlug = Sports.ToDictionary(s => s.Slug);
        Brands = [.. BrandNames.Select(b => new Brand { Name = b.Name, Slug = Slugify(b.Name), Description = $"{b.Name}: gear for {string.Join(", ", b.Sports)}." })];

        var categoriesBySlug = new Dictionary<string, Category>();
        foreach (var (slug, name, parentSlug) in CategoryNames)
        {
            var parent = parentSlug is null ? null : categoriesBySlug[parentSlug];
            var category = new Category
            {
                Name = name,
                Slug = slug,
                ParentId = parent?.Id,
                Depth = parent is null ? 0 : parent.Depth + 1,
                SortOrder = categoriesBySlug.Values.Count(c => c.ParentId == parent?.Id),
            };
            category.Path = Category.PathOf(parent?.Path, category.Id);
            categoriesBySlug[slug] = category;
        }

        Categories = [.. categoriesBySlug.Values];

        for (var number = 1; number <= productCount; number++)
        {
            var template = Templates[random.Next(Templates.Length)];
            var brandChoices = BrandNames.Select((b, i) => (b, i)).Where(x => x.b.Sports.Contains(template.Sport)).ToArray();
            var brand = Brands[brandChoices[random.Next(brandChoices.Length)].i];
            var model = $"{ModelWords[random.Next(ModelWords.Length)]} {ModelWords[random.Next(ModelWords.Length)]}";
            var qualifier = Qualifiers[random.Next(Qualifiers.Length)];
            var generation = random.Next(1, 8);
            var ageGroup = template.Sizes switch
            {
                SizeScheme.Shoe => (AgeGroup)random.Next(0, 3),
                SizeScheme.Apparel => (AgeGroup)random.Next(0, 4),
                _ => AgeGroup.Unisex,
            };
            var forWhom = ageGroup switch { AgeGroup.Men => "Men's ", AgeGroup.Women => "Women's ", AgeGroup.Kids => "Kids' ", _ => "" };
            var name = $"{brand.Name} {model} {generation}{(qualifier.Length > 0 ? " " + qualifier : "")} {forWhom}{template.Noun}".Replace("  ", " ", StringComparison.Ordinal);
            var colours = Colours.OrderBy(_ => random.Next()).Take(template.Sizes == SizeScheme.Shoe ? random.Next(1, 4) : random.Next(1, 3)).ToList();
            var price = RoundPrice(template.MinPriceMinor + (long)(random.NextDouble() * (template.MaxPriceMinor - template.MinPriceMinor)));
            var compareAt = random.Next(5) == 0 ? RoundPrice(price * 5 / 4) : (long?)null;
            var sizes = SizesFor(template.Sizes, ageGroup, random);
            var status = random.Next(100) switch { < 95 => ProductStatus.Active, < 98 => ProductStatus.Draft, _ => ProductStatus.Archived };
            var created = epoch.AddHours(number * 7 + random.Next(7));
            var product = new Product
            {
                Number = number,
                Name = name,
                Slug = $"{Slugify(name)}-{number:D6}",
                Description = $"The {name} is built for {template.Sport} with {template.Feature}. {template.Material} keeps it light and durable, "
                    + $"and the {model} design has been refined over {generation} generation{(generation > 1 ? "s" : "")}.",
                BrandId = brand.Id,
                Brand = brand,
                CategoryId = categoriesBySlug[template.CategorySlug].Id,
                AgeGroup = ageGroup,
                Status = status,
                Attributes = new Dictionary<string, string> { ["material"] = template.Material, ["feature"] = template.Feature },
                Images = [.. colours.Select(c => $"/images/products/{template.ImageKind}-{c.ImageColour}-{number:D6}.svg")],
                UnitsSold = (int)(Math.Pow(random.NextDouble(), 3) * 5000),
                CreatedAt = created,
                UpdatedAt = created,
            };
            product.Sports.Add(sportsBySlug[template.Sport]);
            if (template.Sport == "running" && random.Next(4) == 0) product.Sports.Add(sportsBySlug["fitness"]);
            if (template.Sport == "outdoor" && template.ImageKind == "shoe" && random.Next(3) == 0) product.Sports.Add(sportsBySlug["running"]);

            foreach (var colour in colours)
            {
                foreach (var size in sizes)
                {
                    product.Variants.Add(new Variant
                    {
                        ProductId = product.Id,
                        Sku = Product.SkuOf(number, size.Code, colour.Code),
                        Size = size.Label,
                        Colour = colour.Name,
                        PriceMinor = price,
                        Currency = "EUR",
                        CompareAtPriceMinor = compareAt,
                        WeightGrams = template.WeightGrams + random.Next(-template.WeightGrams / 10, template.WeightGrams / 10 + 1),
                        LengthMm = template.DimensionsMm.Length,
                        WidthMm = template.DimensionsMm.Width,
                        HeightMm = template.DimensionsMm.Height,
                    });
                }
            }

            Products.Add(product);
        }
    }

    public IReadOnlyList<Sport> Sports { get; }

    public IReadOnlyList<Brand> Brands { get; }

    public IReadOnlyList<Category> Categories { get; }

    public List<Product> Products { get; } = [];

    public static IReadOnlyList<SeedSize> SizesFor(SizeScheme scheme, AgeGroup ageGroup, Random random) => scheme switch
    {
        SizeScheme.Shoe => ShoeSizes(ageGroup == AgeGroup.Women ? 36 : ageGroup == AgeGroup.Men ? 40 : 37 + random.Next(2), ageGroup == AgeGroup.Women),
        SizeScheme.Apparel when ageGroup == AgeGroup.Kids => [new("YS", "Youth S"), new("YM", "Youth M"), new("YL", "Youth L")],
        SizeScheme.Apparel => [new("XS", "XS"), new("S", "S"), new("M", "M"), new("L", "L"), new("XL", "XL"), new("XXL", "XXL")],
        SizeScheme.Ball => [new("S3", "Size 3"), new("S4", "Size 4"), new("S5", "Size 5")],
        SizeScheme.Grip => [new("G1", "Grip 1"), new("G2", "Grip 2"), new("G3", "Grip 3"), new("G4", "Grip 4")],
        _ => [new("OS", "One size")],
    };

    /// <summary>Eight EU sizes from <paramref name="firstEu"/>, labelled with US and UK equivalents (UK = EU − 33.5 rounded to halves).</summary>
    private static List<SeedSize> ShoeSizes(int firstEu, bool women) =>
        [.. Enumerable.Range(firstEu, 8).Select(eu =>
        {
            var uk = Math.Round((eu - 33.5) * 2, MidpointRounding.AwayFromZero) / 2;
            var us = uk + (women ? 2 : 0.5);
            return new SeedSize($"EU{eu}", string.Create(CultureInfo.InvariantCulture, $"EU {eu} / US {us:0.#} / UK {uk:0.#}"));
        })];

    private static long RoundPrice(long minor) => Math.Max(99, (minor / 100 * 100) + 99);

    public static string Slugify(string text) =>
        string.Join('-', Search.Tokenizer.Tokens(text.Replace("'", "", StringComparison.Ordinal)));
}
