using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>Maps a unique-index violation (a race the up-front check lost) or a concurrency conflict to 409/412.</summary>
public static class Conflicts
{
    public static IResult Duplicate(string field, string value) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Duplicate {field}", detail: $"{field} '{value}' is already used.");

    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Saves; a unique violation becomes 409, a lost concurrency race 412. Null when saved.</summary>
    public static async Task<IResult?> SaveAsync(DbContext db, string uniqueField, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Version mismatch", detail: "The resource changed meanwhile.");
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Duplicate {uniqueField}", detail: $"{uniqueField} is already used.");
        }
    }
}
