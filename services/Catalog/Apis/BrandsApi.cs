using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Brands;
using SpaceOfSport.Catalog.Data;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>/api/brands. Reads are public; writes need catalog:write.</summary>
public static class BrandsApi
{
    public static IEndpointRouteBuilder MapBrandsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/brands").WithTags("Brands");
        api.MapGet("/", ListAsync).WithName("ListBrands").WithSummary("A page of brands.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetBrand").WithSummary("One brand; the ETag is its version.");
        api.MapPost("/", CreateAsync).RequirePermission(Permissions.CatalogWrite).WithName("CreateBrand").WithSummary("Creates a brand.");
        api.MapPut("/{id:guid}", UpdateAsync).RequirePermission(Permissions.CatalogWrite).WithName("UpdateBrand").WithSummary("Replaces a brand; needs If-Match.");
        api.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.CatalogWrite).WithName("DeleteBrand")
            .WithSummary("Deletes a brand no product carries; needs If-Match.");
        return app;
    }

    public static async Task<Results<Ok<Page<BrandResponse>>, ValidationProblem>> ListAsync(CatalogDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = Cursor.Validate(cursor, limit, out var after, out var take);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = db.Brands.AsNoTracking();
        if (after is not null) query = query.Where(b => b.Id > after.Value);
        var brands = await query.OrderBy(b => b.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = brands.Take(take).Select(BrandResponse.From).ToList();
        return TypedResults.Ok(new Page<BrandResponse>(page, brands.Count > take ? Cursor.Encode(page[^1].Id) : null));
    }

    public static async Task<Results<Ok<BrandResponse>, NotFoundProblem>> GetAsync(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var brand = await db.Brands.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (brand is null) return ProductsApi.NotFound("brand", id);
        ETags.Set(context, brand.Version);
        return TypedResults.Ok(BrandResponse.From(brand));
    }

    public static async Task<Results<Created<BrandResponse>, ValidationProblem, ConflictProblem, PreconditionProblem>> CreateAsync(
        BrandRequest request, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var validation = Validate(request);
        if (!validation.IsValid) return validation.Problem();
        if (await db.Brands.AnyAsync(b => b.Slug == request.Slug, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        var brand = new Brand { Name = request.Name!, Slug = request.Slug!, Description = request.Description };
        db.Brands.Add(brand);
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        ETags.Set(context, brand.Version);
        return TypedResults.Created($"/api/brands/{brand.Id}", BrandResponse.From(brand));
    }

    public static async Task<Results<Ok<BrandResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> UpdateAsync(
        Guid id, BrandRequest request, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (brand is null) return ProductsApi.NotFound("brand", id);
        if (ETags.Precondition(context, brand.Version) is { } failed) return failed;
        var validation = Validate(request);
        if (!validation.IsValid) return validation.Problem();
        if (await db.Brands.AnyAsync(b => b.Slug == request.Slug && b.Id != id, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        brand.Name = request.Name!;
        brand.Slug = request.Slug!;
        brand.Description = request.Description;
        brand.Version++;
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        index.EverythingChanged();
        ETags.Set(context, brand.Version);
        return TypedResults.Ok(BrandResponse.From(brand));
    }

    public static async Task<Results<NoContent, NotFoundProblem, PreconditionProblem, ConflictProblem>> DeleteAsync(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (brand is null) return ProductsApi.NotFound("brand", id);
        if (ETags.Precondition(context, brand.Version) is { } failed) return failed;
        if (await db.Products.AnyAsync(p => p.BrandId == id, cancellationToken))
            return new ConflictProblem("Brand in use", "Products still carry this brand.");
        db.Brands.Remove(brand);
        if (await Conflicts.SaveAsync(db, "brand", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        return TypedResults.NoContent();
    }

    private static Validation Validate(BrandRequest request) =>
        new Validation().Required("name", request.Name, 100).Slug("slug", request.Slug)
            .Check((request.Description?.Length ?? 0) <= 2000, "description", "must be at most 2000 characters");
}
