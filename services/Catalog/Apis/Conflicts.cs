using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpaceOfSport.BuildingBlocks.Http;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>Maps a unique-index violation (a race the up-front check lost) or a concurrency conflict to 409/412.</summary>
public static class Conflicts
{
    public static ConflictProblem Duplicate(string field, string value) => new($"Duplicate {field}", $"{field} '{value}' is already used.");

    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Saves; a unique violation becomes a 409, a lost concurrency race a 412. Null when saved.</summary>
    public static async Task<SaveFailure?> SaveAsync(DbContext db, string uniqueField, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveFailure(null, PreconditionProblem.Failed("The resource changed meanwhile."));
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return new SaveFailure(new ConflictProblem($"Duplicate {uniqueField}", $"{uniqueField} is already used."), null);
        }
    }
}

/// <summary>Why a save failed: exactly one of a taken unique value (409) and a lost race (412).</summary>
public sealed record SaveFailure(ConflictProblem? Duplicate, PreconditionProblem? Stale);
