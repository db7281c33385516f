using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SpaceOfSport.BuildingBlocks.Data;

/// <summary>What a failed save means, the same on both providers, so a handler catches only what it can answer.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// A unique index or primary key refused the row (a race an up-front check lost): SQLite's SQLITE_CONSTRAINT (19)
    /// with SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555), PostgreSQL's unique_violation (23505).
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
