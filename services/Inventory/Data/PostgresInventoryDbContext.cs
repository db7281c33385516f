using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Inventory.Data;

/// <summary>PostgreSQL (local and AWS profiles; migrations in Data/Migrations/Postgres).</summary>
public sealed class PostgresInventoryDbContext(DbContextOptions<PostgresInventoryDbContext> options) : InventoryDbContext(options);
