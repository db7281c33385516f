using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Products;
using SpaceOfSport.Contracts.Events.Catalog;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>/api/products and their variants. Reads are public; writes need catalog:write.</summary>
public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/products").WithTags("Products");
        api.MapGet("/", ListAsync).WithName("ListProducts").WithSummary("A page of products with their variants, optionally filtered by status, brand or category.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetProduct").WithSummary("One product with its variants; the ETag is its version.");
        api.MapGet("/by-slug/{slug}", GetBySlugAsync).WithName("GetProductBySlug").WithSummary("One product by its slug.");
        api.MapPost("/", CreateAsync).RequirePermission(Permissions.CatalogWrite).WithName("CreateProduct")
            .WithSummary("Creates a product (and its variants) under the next product number.");
        api.MapPut("/{id:guid}", UpdateAsync).RequirePermission(Permissions.CatalogWrite).WithName("UpdateProduct")
            .WithSummary("Replaces a product's fields (not its variants); needs If-Match.");
        api.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.CatalogWrite).WithName("DeleteProduct")
            .WithSummary("Deletes a product and its variants; needs If-Match.");
        api.MapGet("/{id:guid}/variants", ListVariantsAsync).WithName("ListVariants").WithSummary("A product's variants, by SKU.");
        api.MapPost("/{id:guid}/variants", CreateVariantAsync).RequirePermission(Permissions.CatalogWrite).WithName("CreateVariant")
            .WithSummary("Adds a variant (a SKU: size, colour, price) to a product.");
        api.MapPut("/{id:guid}/variants/{variantId:guid}", UpdateVariantAsync).RequirePermission(Permissions.CatalogWrite).WithName("UpdateVariant")
            .WithSummary("Replaces a variant; a new price also publishes price-changed. Needs If-Match.");
        api.MapDelete("/{id:guid}/variants/{variantId:guid}", DeleteVariantAsync).RequirePermission(Permissions.CatalogWrite).WithName("DeleteVariant")
            .WithSummary("Deletes a variant; needs If-Match.");
        return app;
    }

    /// <summary>The list's query string: a cursor page and optional filters.</summary>
    public sealed record ProductListQuery(string? Cursor, int? Limit, ProductStatus? Status, Guid? BrandId, Guid? CategoryId);

    private static IQueryable<Product> WithDetails(CatalogDbContext db) => db.Products.Include(p => p.Variants).Include(p => p.Sports);

    public static async Task<Results<Ok<Page<ProductResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] ProductListQuery query, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var errors = Cursor.Validate(query.Cursor, query.Limit, out var after, out var take);
        if (query.Status is { } status && !Enum.IsDefined(status)) errors["status"] = [$"must be one of {string.Join(", ", Enum.GetNames<ProductStatus>())}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var products = WithDetails(db).AsNoTracking().AsSplitQuery();
        if (query.Status is not null) products = products.Where(p => p.Status == query.Status);
        if (query.BrandId is not null) products = products.Where(p => p.BrandId == query.BrandId);
        if (query.CategoryId is not null) products = products.Where(p => p.CategoryId == query.CategoryId);
        if (after is not null) products = products.Where(p => p.Id > after.Value);
        var found = await products.OrderBy(p => p.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = found.Take(take).Select(ProductResponse.From).ToList();
        return TypedResults.Ok(new Page<ProductResponse>(page, found.Count > take ? Cursor.Encode(page[^1].Id) : null));
    }

    public static async Task<Results<Ok<ProductResponse>, NotFoundProblem>> GetAsync(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var product = await WithDetails(db).AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return NotFound("product", id);
        ETags.Set(context, product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<Ok<ProductResponse>, NotFoundProblem>> GetBySlugAsync(string slug, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var product = await WithDetails(db).AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (product is null) return new NotFoundProblem($"No product has slug '{slug}'.");
        ETags.Set(context, product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<Created<ProductResponse>, ValidationProblem, ConflictProblem, BusyProblem>> CreateAsync(
        ProductRequest request, [AsParameters] CatalogServices services)
    {
        var (db, cancellationToken) = (services.Db, services.Cancellation);
        var validation = await ValidateAsync(request, db, cancellationToken);
        var variants = request.Variants ?? [];
        for (var i = 0; i < variants.Count; i++) ValidateVariant(variants[i], validation, $"variants[{i}].");
        var duplicateSkus = variants.Select(v => v.Sku).Where(s => s is not null).GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key!).ToList();
        if (!validation.IsValid) return validation.Problem();
        if (duplicateSkus.Count > 0) return Conflicts.Duplicate("sku", duplicateSkus[0]);
        if (await db.Products.AnyAsync(p => p.Slug == request.Slug, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        var skus = variants.Select(v => v.Sku!).ToList();
        var takenSku = await db.Variants.Where(v => skus.Contains(v.Sku)).Select(v => v.Sku).FirstOrDefaultAsync(cancellationToken);
        if (takenSku is not null) return Conflicts.Duplicate("sku", takenSku);

        var now = services.Time.GetUtcNow();
        var product = new Product { Name = request.Name!, Slug = request.Slug!, CreatedAt = now, UpdatedAt = now };
        await ApplyAsync(product, request, db, cancellationToken);
        foreach (var variantRequest in variants)
        {
            var variant = new Variant { Sku = variantRequest.Sku!, Size = variantRequest.Size!, Colour = variantRequest.Colour! };
            Apply(variant, variantRequest);
            product.Variants.Add(variant);
        }

        db.Products.Add(product);
        db.AddIntegrationEvent(ProductEvents.Changed(product));
        switch (await SaveWithNextNumberAsync(db, product, skus, cancellationToken))
        {
            case ConflictProblem duplicate: return duplicate;
            case BusyProblem busy: return busy;
        }

        services.Index.ProductChanged(product.Id);
        ETags.Set(services.Http, product.Version);
        return TypedResults.Created($"/api/products/{product.Id}", ProductResponse.From(product));
    }

    public static async Task<Results<Ok<ProductResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> UpdateAsync(
        Guid id, ProductRequest request, [AsParameters] CatalogServices services)
    {
        var (db, cancellationToken) = (services.Db, services.Cancellation);
        var product = await WithDetails(db).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return NotFound("product", id);
        if (ETags.Precondition(services.Http, product.Version) is { } failed) return failed;
        var validation = await ValidateAsync(request, db, cancellationToken);
        if (!validation.IsValid) return validation.Problem();
        if (await db.Products.AnyAsync(p => p.Slug == request.Slug && p.Id != id, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);

        product.Name = request.Name!;
        product.Slug = request.Slug!;
        await ApplyAsync(product, request, db, cancellationToken);
        Touch(product, services.Time);
        db.AddIntegrationEvent(ProductEvents.Changed(product));
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        services.Index.ProductChanged(product.Id);
        ETags.Set(services.Http, product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<NoContent, NotFoundProblem, PreconditionProblem, ConflictProblem>> DeleteAsync(Guid id, [AsParameters] CatalogServices services)
    {
        var (db, cancellationToken) = (services.Db, services.Cancellation);
        var product = await WithDetails(db).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return NotFound("product", id);
        if (ETags.Precondition(services.Http, product.Version) is { } failed) return failed;
        db.Products.Remove(product);
        db.AddIntegrationEvent(ProductEvents.Changed(product) with { Deleted = true });
        if (await Conflicts.SaveAsync(db, "product", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        services.Index.ProductChanged(id);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<VariantResponse>>, NotFoundProblem>> ListVariantsAsync(Guid id, CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Products.AnyAsync(p => p.Id == id, cancellationToken)) return NotFound("product", id);
        var variants = await db.Variants.AsNoTracking().Where(v => v.ProductId == id).OrderBy(v => v.Sku).ToListAsync(cancellationToken);
        return TypedResults.Ok(variants.Select(VariantResponse.From).ToList());
    }

    public static async Task<Results<Created<VariantResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> CreateVariantAsync(
        Guid id, VariantRequest request, [AsParameters] CatalogServices services)
    {
        var (db, cancellationToken) = (services.Db, services.Cancellation);
        var product = await WithDetails(db).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return NotFound("product", id);
        var validation = new Validation();
        ValidateVariant(request, validation, "");
        if (!validation.IsValid) return validation.Problem();
        if (await db.Variants.AnyAsync(v => v.Sku == request.Sku, cancellationToken)) return Conflicts.Duplicate("sku", request.Sku!);

        var variant = new Variant { ProductId = id, Sku = request.Sku!, Size = request.Size!, Colour = request.Colour! };
        Apply(variant, request);
        product.Variants.Add(variant);
        Touch(product, services.Time);
        db.AddIntegrationEvent(ProductEvents.Changed(product));
        if (await Conflicts.SaveAsync(db, "sku", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        services.Index.ProductChanged(id);
        ETags.Set(services.Http, variant.Version);
        return TypedResults.Created($"/api/products/{id}/variants/{variant.Id}", VariantResponse.From(variant));
    }

    public static async Task<Results<Ok<VariantResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> UpdateVariantAsync(
        Guid id, Guid variantId, VariantRequest request, [AsParameters] CatalogServices services)
    {
        var (db, cancellationToken) = (services.Db, services.Cancellation);
        var product = await WithDetails(db).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var variant = product?.Variants.FirstOrDefault(v => v.Id == variantId);
        if (product is null || variant is null) return NotFound("variant", variantId);
        if (ETags.Precondition(services.Http, variant.Version) is { } failed) return failed;
        var validation = new Validation();
        ValidateVariant(request, validation, "");
        if (!validation.IsValid) return validation.Problem();
        if (await db.Variants.AnyAsync(v => v.Sku == request.Sku && v.Id != variantId, cancellationToken)) return Conflicts.Duplicate("sku", request.Sku!);

        var oldPrice = variant.PriceMinor;
        variant.Sku = request.Sku!;
        variant.Size = request.Size!;
        variant.Colour = request.Colour!;
        Apply(variant, request);
        variant.Version++;
        Touch(product, services.Time);
        db.AddIntegrationEvent(ProductEvents.Changed(product));
        if (oldPrice != variant.PriceMinor)
        {
            db.AddIntegrationEvent(new PriceChanged
            {
                ProductId = id,
                VariantId = variant.Id,
                Sku = variant.Sku,
                OldPriceMinor = oldPrice,
                NewPriceMinor = variant.PriceMinor,
                Currency = variant.Currency,
            });
        }

        if (await Conflicts.SaveAsync(db, "sku", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        services.Index.ProductChanged(id);
        ETags.Set(services.Http, variant.Version);
        return TypedResults.Ok(VariantResponse.From(variant));
    }

    public static async Task<Results<NoContent, NotFoundProblem, PreconditionProblem, ConflictProblem>> DeleteVariantAsync(
        Guid id, Guid variantId, [AsParameters] CatalogServices services)
    {
        var (db, cancellationToken) = (services.Db, services.Cancellation);
        var product = await WithDetails(db).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var variant = product?.Variants.FirstOrDefault(v => v.Id == variantId);
        if (product is null || variant is null) return NotFound("variant", variantId);
        if (ETags.Precondition(services.Http, variant.Version) is { } failed) return failed;
        product.Variants.Remove(variant);
        db.Variants.Remove(variant);
        Touch(product, services.Time);
        db.AddIntegrationEvent(ProductEvents.Changed(product));
        if (await Conflicts.SaveAsync(db, "variant", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        services.Index.ProductChanged(id);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Saves a new product under the next free number. Two concurrent creates can pick the same one: the loser's unique
    /// violation is on the number when its slug and SKUs are still free, and it simply takes the next (the failed save
    /// leaves its changes pending). A slug or SKU taken meanwhile is a real 409.
    /// </summary>
    private static async Task<StatusProblem?> SaveWithNextNumberAsync(CatalogDbContext db, Product product, List<string> skus, CancellationToken cancellationToken)
    {
        const int attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            product.Number = (await db.Products.MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0) + 1;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException exception) when (Conflicts.IsUniqueViolation(exception))
            {
                if (await db.Products.AnyAsync(p => p.Slug == product.Slug && p.Id != product.Id, cancellationToken)) return Conflicts.Duplicate("slug", product.Slug);
                var takenSku = await db.Variants.Where(v => skus.Contains(v.Sku) && v.ProductId != product.Id).Select(v => v.Sku).FirstOrDefaultAsync(cancellationToken);
                if (takenSku is not null) return Conflicts.Duplicate("sku", takenSku);
                if (attempt == attempts) return new BusyProblem("Too many products are being created at once; try again in a second.", retryAfterSeconds: 1);
            }
        }
    }

    internal static NotFoundProblem NotFound(string what, Guid id) => new($"No {what} has id {id}.");

    private static void Touch(Product product, TimeProvider time)
    {
        product.Version++;
        product.UpdatedAt = time.GetUtcNow();
    }

    private static async Task<Validation> ValidateAsync(ProductRequest request, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required("name", request.Name, 200)
            .Slug("slug", request.Slug)
            .Check((request.Description?.Length ?? 0) <= 4000, "description", "must be at most 4000 characters")
            .Check(request.BrandId is not null, "brandId", "is required")
            .Check(request.CategoryId is not null, "categoryId", "is required")
            .Check(request.Images is null || request.Images.All(i => Uri.TryCreate(i, UriKind.RelativeOrAbsolute, out _) && !string.IsNullOrWhiteSpace(i)), "images", "must be URLs");
        if (request.BrandId is { } brandId && !await db.Brands.AnyAsync(b => b.Id == brandId, cancellationToken)) validation.Add("brandId", "names no brand");
        if (request.CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId, cancellationToken)) validation.Add("categoryId", "names no category");
        var sportIds = request.SportIds ?? [];
        if (sportIds.Count > 0 && await db.Sports.CountAsync(s => sportIds.Contains(s.Id), cancellationToken) != sportIds.Distinct().Count())
            validation.Add("sportIds", "names an unknown sport");
        return validation;
    }

    private static void ValidateVariant(VariantRequest request, Validation validation, string prefix)
    {
        validation
            .Required(prefix + "sku", request.Sku, 64)
            .Required(prefix + "size", request.Size, 64)
            .Required(prefix + "colour", request.Colour, 64)
            .Check(request.PriceMinor is >= 0, prefix + "priceMinor", "is required and must be ≥ 0")
            .Check(request.Currency is null || (request.Currency.Length == 3 && request.Currency.All(char.IsAsciiLetterUpper)), prefix + "currency", "must be an ISO 4217 code such as EUR")
            .Check(request.CompareAtPriceMinor is null || request.CompareAtPriceMinor >= request.PriceMinor, prefix + "compareAtPriceMinor", "must be ≥ priceMinor")
            .Check(request.WeightGrams is null or >= 0, prefix + "weightGrams", "must be ≥ 0")
            .Check(request.LengthMm is null or >= 0, prefix + "lengthMm", "must be ≥ 0")
            .Check(request.WidthMm is null or >= 0, prefix + "widthMm", "must be ≥ 0")
            .Check(request.HeightMm is null or >= 0, prefix + "heightMm", "must be ≥ 0");
    }

    private static async Task ApplyAsync(Product product, ProductRequest request, CatalogDbContext db, CancellationToken cancellationToken)
    {
        product.Description = request.Description ?? "";
        product.BrandId = request.BrandId!.Value;
        product.CategoryId = request.CategoryId!.Value;
        product.AgeGroup = request.AgeGroup ?? AgeGroup.Unisex;
        product.Status = request.Status ?? ProductStatus.Draft;
        product.Attributes = request.Attributes ?? [];
        product.Images = [.. request.Images ?? []];
        var sportIds = request.SportIds ?? [];
        var sports = await db.Sports.Where(s => sportIds.Contains(s.Id)).ToListAsync(cancellationToken);
        product.Sports.Clear();
        foreach (var sport in sports) product.Sports.Add(sport);
    }

    private static void Apply(Variant variant, VariantRequest request)
    {
        variant.PriceMinor = request.PriceMinor!.Value;
        variant.Currency = request.Currency ?? "EUR";
        variant.CompareAtPriceMinor = request.CompareAtPriceMinor;
        variant.WeightGrams = request.WeightGrams ?? 0;
        variant.LengthMm = request.LengthMm ?? 0;
        variant.WidthMm = request.WidthMm ?? 0;
        variant.HeightMm = request.HeightMm ?? 0;
    }
}
