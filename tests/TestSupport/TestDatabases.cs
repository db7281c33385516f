using Xunit;

namespace SpaceOfSport.TestSupport;

/// <summary>The database providers every data test runs on (the services' <c>Database:Provider</c> values).</summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> Providers => [Sqlite, Postgres];

    /// <summary>A fresh, empty database of <paramref name="provider"/> for <paramref name="service"/>: its connection string.</summary>
    public static async Task<string> CreateAsync(string provider, string service) => provider switch
    {
        Sqlite => $"Data Source={Path.Combine(Directory.CreateTempSubdirectory($"{service}-tests-").FullName, $"{service}.db")}",
        Postgres => await PostgresServer.CreateDatabaseAsync(service),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
    };
}
