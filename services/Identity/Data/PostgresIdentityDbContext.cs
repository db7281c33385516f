using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Identity.Data;

/// <summary>PostgreSQL (local and AWS profiles; migrations in Data/Migrations/Postgres).</summary>
public sealed class PostgresIdentityDbContext(DbContextOptions<PostgresIdentityDbContext> options) : IdentityDbContext(options);
