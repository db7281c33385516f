using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Analytics.Data;

/// <summary>PostgreSQL (local and AWS profiles; migrations in Data/Migrations/Postgres).</summary>
public sealed class PostgresAnalyticsDbContext(DbContextOptions<PostgresAnalyticsDbContext> options) : AnalyticsDbContext(options);
