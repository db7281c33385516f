using System.Globalization;
using LocalDapr.Sidecar;
using Npgsql;

namespace SpaceOfSport.TestSupport;

/// <summary>
/// The PostgreSQL the tests use: TEST_POSTGRES (a connection string to a server whose user may create databases) when
/// set; otherwise a private cluster this test run creates in a temporary folder (initdb, no fsync) on a free port and
/// removes when the run ends. Each test asks for a fresh database of its own.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        var admin = new NpgsqlConnectionStringBuilder(Server.Value);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        admin.Database = name;
        return admin.ConnectionString;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("TEST_POSTGRES") is { Length: > 0 } configured) return configured;
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql, or set TEST_POSTGRES");

        // PostgreSQL refuses to run as root; CI runs as root, so the cluster then belongs to the postgres user.
        var user = Environment.UserName == "root" ? "postgres" : null;
        var data = Directory.CreateTempSubdirectory("sos-pg-").FullName;
        if (user is not null) ServerProcess.Run("chown", [user, data]);
        var port = FreePort.Next();
        ServerProcess.Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], user);
        var options = $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        ServerProcess.Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(data, "server.log"), "-w", "start"], user);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            ServerProcess.Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], user);
            Directory.Delete(data, recursive: true);
        };
        ServerProcess.WaitForPort(port, "PostgreSQL");
        return string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true");
    }
}
