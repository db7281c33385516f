using Microsoft.EntityFrameworkCore;

namespace SpaceOfSport.Payments.Data;

/// <summary>PostgreSQL (local and AWS profiles; migrations in Data/Migrations/Postgres).</summary>
public sealed class PostgresPaymentsDbContext(DbContextOptions<PostgresPaymentsDbContext> options) : PaymentsDbContext(options);
