using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Brands;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>/api/brands (and the read-only /api/sports the seed defines).</summary>
public static class BrandsApi
{
    public static IEndpointRouteBuilder MapBrandsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/brands").WithTags("Brands");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapPost("/", CreateAsync).RequireAuthorization(Permissions.CatalogWrite);
        api.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Permissions.CatalogWrite);
        api.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Permissions.CatalogWrite);
        app.MapGet("/api/sports", async (CatalogDbContext db, CancellationToken cancellationToken) =>
            TypedResults.Ok(await db.Sports.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.Slug }).ToListAsync(cancellationToken)))
            .WithTags("Sports");
        return app;
    }

    private static async Task<IResult> ListAsync(CatalogDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = Cursor.Validate(cursor, limit, out var after, out var take);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = db.Brands.AsNoTracking();
        if (after is not null) query = query.Where(b => b.Id > after.Value);
        var brands = await query.OrderBy(b => b.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = brands.Take(take).Select(BrandResponse.From).ToList();
        return TypedResults.Ok(new Page<BrandResponse>(page, brands.Count > take ? Cursor.Encode(page[^1].Id) : null));
    }

    private static async Task<IResult> GetAsync(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var brand = await db.Brands.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (brand is null) return ProductsApi.NotFound("brand", id);
        ETags.Set(context, brand.Version);
        return TypedResults.Ok(BrandResponse.From(brand));
    }

    private static async Task<IResult> CreateAsync(BrandRequest request, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var validation = Validate(request);
        if (!validation.IsValid) return validation.Problem();
        if (await db.Brands.AnyAsync(b => b.Slug == request.Slug, cancellationToken)) return Conflicts.Duplicate("slug", request.Slug!);
        var brand = new Brand { Name = request.Name!, Slug = request.Slug!, Description = request.Description };
        db.Brands.Add(brand);
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } conflict) return conflict;
        ETags.Set(context, brand.Version);
        return TypedResults.Created($"/api/brands/{brand.Id}", BrandResponse.From(brand));
    }

    private static async Task<IResult> UpdateAsync(Guid id, BrandRequest request, CatalogDbContext db, SearchIndexUpdater index, HttpContext context, CancellationToken cancellationToken)
    {
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
        if (await Conflicts.SaveAsync(db, "slug", cancellationToken) is { } conflict) return conflict;
        index.EverythingChanged();
        ETags.Set(context, brand.Version);
        return TypedResults.Ok(BrandResponse.From(brand));
    }

    private static async Task<IResult> DeleteAsync(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (brand is null) return ProductsApi.NotFound("brand", id);
        if (ETags.Precondition(context, brand.Version) is { } failed) return failed;
        if (await db.Products.AnyAsync(p => p.BrandId == id, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Brand in use", detail: "Products still carry this brand.");
        db.Brands.Remove(brand);
        if (await Conflicts.SaveAsync(db, "brand", cancellationToken) is { } conflict) return conflict;
        return TypedResults.NoContent();
    }

    private static Validation Validate(BrandRequest request) =>
        new Validation().Required("name", request.Name, 100).Slug("slug", request.Slug)
            .Check((request.Description?.Length ?? 0) <= 2000, "description", "must be at most 2000 characters");
}
