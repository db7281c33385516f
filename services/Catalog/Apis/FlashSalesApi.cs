using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.FlashSales;
using SpaceOfSport.Contracts.Events.Catalog;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>/api/flash-sales. Their start and end events come from the flash-sale schedule.</summary>
public static class FlashSalesApi
{
    /// <summary>Bounds the id lists a sale names (each list is one IN query; SQLite allows 32,766 parameters).</summary>
    private const int MaxIds = 1000;

    public static IEndpointRouteBuilder MapFlashSalesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flash-sales").WithTags("Flash sales");
        api.MapGet("/", ListAsync).WithName("ListFlashSales").WithSummary("A page of flash sales, whatever their state.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetFlashSale").WithSummary("One flash sale; the ETag is its version.");
        api.MapPost("/", CreateAsync).RequirePermission(Permissions.CatalogWrite).WithName("CreateFlashSale")
            .WithSummary("Schedules a flash sale: a sale price or a percent off on products or variants between two times.");
        api.MapPut("/{id:guid}", UpdateAsync).RequirePermission(Permissions.CatalogWrite).WithName("UpdateFlashSale").WithSummary("Replaces a flash sale; needs If-Match.");
        api.MapDelete("/{id:guid}", DeleteAsync).RequirePermission(Permissions.CatalogWrite).WithName("DeleteFlashSale")
            .WithSummary("Deletes a flash sale (a running one ends now, with its event); needs If-Match.");
        return app;
    }

    public static async Task<Results<Ok<Page<FlashSaleResponse>>, ValidationProblem>> ListAsync(
        CatalogDbContext db, FlashSaleStock stock, TimeProvider time, ClaimsPrincipal user, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = Cursor.Validate(cursor, limit, out var after, out var take);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = db.FlashSales.AsNoTracking();
        if (after is not null) query = query.Where(s => s.Id > after.Value);
        var sales = await query.OrderBy(s => s.Id).Take(take + 1).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var page = new List<FlashSaleResponse>();
        foreach (var sale in sales.Take(take)) page.Add(await FlashSaleResponse.ReadAsync(sale, stock, now, SignedIn(user), cancellationToken));
        return TypedResults.Ok(new Page<FlashSaleResponse>(page, sales.Count > take ? Cursor.Encode(page[^1].Id) : null));
    }

    public static async Task<Results<Ok<FlashSaleResponse>, NotFoundProblem>> GetAsync(
        Guid id, CatalogDbContext db, FlashSaleStock stock, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var sale = await db.FlashSales.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sale is null) return ProductsApi.NotFound("flash sale", id);
        ETags.Set(context, sale.Version);
        return TypedResults.Ok(await FlashSaleResponse.ReadAsync(sale, stock, time.GetUtcNow(), SignedIn(context.User), cancellationToken));
    }

    public static async Task<Results<Created<FlashSaleResponse>, ValidationProblem>> CreateAsync(FlashSaleRequest request, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var validation = await ValidateAsync(request, db, cancellationToken);
        if (!validation.IsValid) return validation.Problem();
        var sale = new FlashSale { Name = request.Name! };
        Apply(sale, request);
        db.FlashSales.Add(sale);
        db.AddIntegrationEvent(Changed(sale, FlashSaleChanged.Created, services));
        await db.SaveChangesAsync(cancellationToken);
        index.EverythingChanged();
        ETags.Set(context, sale.Version);
        return TypedResults.Created($"/api/flash-sales/{sale.Id}", FlashSaleResponse.From(sale));
    }

    public static async Task<Results<Ok<FlashSaleResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> UpdateAsync(
        Guid id, FlashSaleRequest request, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var sale = await db.FlashSales.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sale is null) return ProductsApi.NotFound("flash sale", id);
        if (ETags.Precondition(context, sale.Version) is { } failed) return failed;
        var validation = await ValidateAsync(request, db, cancellationToken);
        if (!validation.IsValid) return validation.Problem();
        sale.Name = request.Name!;
        Apply(sale, request);
        sale.Version++;
        db.AddIntegrationEvent(Changed(sale, FlashSaleChanged.Updated, services));
        if (await Conflicts.SaveAsync(db, "name", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        index.EverythingChanged();
        ETags.Set(context, sale.Version);
        return TypedResults.Ok(FlashSaleResponse.From(sale));
    }

    public static async Task<Results<NoContent, NotFoundProblem, PreconditionProblem, ConflictProblem>> DeleteAsync(Guid id, [AsParameters] CatalogServices services)
    {
        var (db, index, context, cancellationToken) = (services.Db, services.Index, services.Http, services.Cancellation);
        var sale = await db.FlashSales.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sale is null) return ProductsApi.NotFound("flash sale", id);
        if (ETags.Precondition(context, sale.Version) is { } failed) return failed;
        db.FlashSales.Remove(sale);
        db.AddIntegrationEvent(Changed(sale, FlashSaleChanged.Deleted, services));
        // A running sale that disappears ends now, and says so.
        if (sale.State == FlashSaleState.Started)
        {
            db.AddIntegrationEvent(new FlashSaleEnded { FlashSaleId = sale.Id, ProductIds = sale.ProductIds, VariantIds = sale.VariantIds, EndedAt = services.Time.GetUtcNow() });
        }

        if (await Conflicts.SaveAsync(db, "flash sale", cancellationToken) is { } failure) return failure.Duplicate is { } duplicate ? duplicate : failure.Stale!;
        index.EverythingChanged();
        return TypedResults.NoContent();
    }

    private static bool SignedIn(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    private static async Task<Validation> ValidateAsync(FlashSaleRequest request, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var productIds = request.ProductIds ?? [];
        var variantIds = request.VariantIds ?? [];
        var validation = new Validation()
            .Required("name", request.Name, 200)
            .Check(productIds.Count + variantIds.Count > 0, "productIds", "name at least one product or variant")
            .Check(productIds.Count <= MaxIds, "productIds", $"at most {MaxIds}")
            .Check(variantIds.Count <= MaxIds, "variantIds", $"at most {MaxIds}")
            .Check(request.SalePriceMinor is null != request.PercentOff is null, "salePriceMinor", "give exactly one of salePriceMinor and percentOff")
            .Check(request.SalePriceMinor is null or >= 0, "salePriceMinor", "must be ≥ 0")
            .Check(request.PercentOff is null or (>= 1 and <= 99), "percentOff", "must be between 1 and 99")
            .Check(request.StartsAt is not null, "startsAt", "is required")
            .Check(request.EndsAt is not null && (request.StartsAt is null || request.EndsAt > request.StartsAt), "endsAt", "is required and must be after startsAt")
            .Check(request.PerCustomerLimit is null or >= 1, "perCustomerLimit", "must be ≥ 1");
        if (productIds.Count is > 0 and <= MaxIds && await db.Products.CountAsync(p => productIds.Contains(p.Id), cancellationToken) != productIds.Distinct().Count())
            validation.Add("productIds", "names an unknown product");
        if (variantIds.Count is > 0 and <= MaxIds && await db.Variants.CountAsync(v => variantIds.Contains(v.Id), cancellationToken) != variantIds.Distinct().Count())
            validation.Add("variantIds", "names an unknown variant");
        return validation;
    }

    /// <summary>Every edit is announced with the sale as it now stands and who made it, in the same transaction (audit records them).</summary>
    private static FlashSaleChanged Changed(FlashSale sale, string change, CatalogServices services) => new()
    {
        FlashSaleId = sale.Id,
        Change = change,
        Version = sale.Version,
        Name = sale.Name,
        ProductIds = sale.ProductIds,
        VariantIds = sale.VariantIds,
        SalePriceMinor = sale.SalePriceMinor,
        PercentOff = sale.PercentOff,
        PerCustomerLimit = sale.PerCustomerLimit,
        StartsAt = sale.StartsAt,
        EndsAt = sale.EndsAt,
        ChangedBy = Guid.TryParse(services.Http.User.FindFirst("sub")?.Value, out var user) ? user : null,
        OccurredAt = services.Time.GetUtcNow(),
    };

    private static void Apply(FlashSale sale, FlashSaleRequest request)
    {
        sale.ProductIds = [.. (request.ProductIds ?? []).Distinct()];
        sale.VariantIds = [.. (request.VariantIds ?? []).Distinct()];
        sale.SalePriceMinor = request.SalePriceMinor;
        sale.PercentOff = request.PercentOff;
        sale.StartsAt = request.StartsAt!.Value.ToUniversalTime();
        sale.EndsAt = request.EndsAt!.Value.ToUniversalTime();
        sale.PerCustomerLimit = request.PerCustomerLimit;
    }
}
