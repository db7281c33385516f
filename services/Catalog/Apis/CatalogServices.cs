using SpaceOfSport.Catalog.Data;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>What the catalog's handlers share, bound per request with <c>[AsParameters]</c>.</summary>
public sealed record CatalogServices(CatalogDbContext Db, SearchIndexUpdater Index, TimeProvider Time, HttpContext Http, CancellationToken Cancellation);
