using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Audit.Data;

/// <summary>PostgreSQL (local and AWS profiles; migrations in Data/Migrations/Postgres).</summary>
public sealed class PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options) : AuditDbContext(options);
