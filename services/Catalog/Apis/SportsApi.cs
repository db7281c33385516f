using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Sports;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>/api/sports: the sports the seed defines, read-only.</summary>
public static class SportsApi
{
    public static IEndpointRouteBuilder MapSportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sports", ListAsync).WithTags("Sports").WithName("ListSports").WithSummary("Every sport, by name.");
        return app;
    }

    public static async Task<Ok<List<SportResponse>>> ListAsync(CatalogDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Sports.AsNoTracking().OrderBy(s => s.Name).Select(s => new SportResponse(s.Id, s.Name, s.Slug)).ToListAsync(cancellationToken));
}
