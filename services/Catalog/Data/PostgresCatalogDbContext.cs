using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Catalog.Data;

/// <summary>The store outside the embedded profile: PostgreSQL (times as timestamptz, UTC).</summary>
public sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);
