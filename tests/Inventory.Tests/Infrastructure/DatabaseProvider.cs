namespace SpaceOfSport.Inventory.Tests.Infrastructure;

/// <summary>The providers every data test runs on (Database:Provider values).</summary>
public static class DatabaseProvider
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> All => new() { Sqlite, Postgres };

    /// <summary>A fresh, empty database of <paramref name="provider"/>: its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string provider) => provider switch
    {
        Sqlite => $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("inventory-tests-").FullName, "inventory.db")}",
        Postgres => await TestSupport.PostgresServer.CreateDatabaseAsync("inventory"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
