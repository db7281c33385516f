using System.Globalization;
using System.Text.RegularExpressions;
using LocalDapr.Components;
using Microsoft.Data.Sqlite;

namespace LocalDapr.State;

/// <summary>
/// <c>state.sqlite</c> (https://docs.dapr.io/reference/components-reference/supported-state-stores/setup-sqlite/):
/// one table in a SQLite file in WAL mode. ETags are numbers drawn from a counter kept in the same file, so a key that
/// is deleted and written again never repeats an old ETag. Expired rows are invisible at once and deleted by a sweep
/// that runs with a write at most once per <c>cleanupInterval</c>. ETags follow daprd's SQLite store (components-contrib
/// state/sqlite): a write or delete with an ETag, whatever the concurrency option, only touches an existing row of that
/// version, so an ETag on a missing key, or one the store never issued, is a mismatch.
/// </summary>
public sealed partial class SqliteStateStore : IStateStore
{
    private readonly string _connectionString;
    private readonly string _table;
    private readonly string _sequenceTable;
    private readonly int _busyTimeoutMilliseconds;
    private readonly TimeSpan _cleanupInterval;
    private readonly TimeProvider _clock;

    // SQLite has one writer at a time; queueing writers here keeps them off the busy-retry path.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    public SqliteStateStore(ComponentContext context)
    {
        _clock = context.Services.Clock;
        _table = context.Optional("tableName") ?? "state";
        if (!IdentifierPattern().IsMatch(_table)) throw context.Error($"metadata 'tableName' must be letters, digits and underscores, not '{_table}'");
        _sequenceTable = $"{_table}_etag_sequence";
        _busyTimeoutMilliseconds = (int)context.Duration("busyTimeout", TimeSpan.FromSeconds(2)).TotalMilliseconds;
        _cleanupInterval = context.Duration("cleanupInterval", TimeSpan.FromHours(1));
        _connectionString = ConnectionString(context);
        try
        {
            CreateSchema();
        }
        catch (SqliteException e)
        {
            throw context.Error($"cannot open the database: {e.Message}");
        }
    }

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT value, version FROM "{_table}" WHERE key = $key AND (expires_at IS NULL OR expires_at > $now)""";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", Now());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StateEntry((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        var expected = operations.Select(ParseETag).ToList();
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            // BEGIN IMMEDIATE: the write lock is taken up front, so the ETag checks and the writes see one snapshot.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var now = Now();
            for (var i = 0; i < operations.Count; i++)
                Check(connection, operations[i], expected[i], now);

            var version = ReserveVersions(connection, operations.Count(o => o.Kind == StateOperationKind.Upsert));
            foreach (var op in operations)
            {
                if (op.Kind == StateOperationKind.Delete) Delete(connection, op.Key);
                else Upsert(connection, op, ++version, now);
            }

            SweepExpired(connection, now);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> KeysStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A range on the primary key, not LIKE: the prefix may hold '%' or '_', and the range uses the index.
        command.CommandText = $"""SELECT key FROM "{_table}" WHERE key >= $from AND key < $to AND (expires_at IS NULL OR expires_at > $now)""";
        command.Parameters.AddWithValue("$from", prefix);
        command.Parameters.AddWithValue("$to", prefix + char.MaxValue);
        command.Parameters.AddWithValue("$now", Now());
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetString(0));
        return keys;
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; releasing them lets a restarted runtime (or a test) reopen or delete it.
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    /// <summary>Accepts a file path, a <c>file:</c> URI as daprd's driver takes it, or a Microsoft.Data.Sqlite connection string.</summary>
    private static string ConnectionString(ComponentContext context)
    {
        var raw = context.Required("connectionString").Trim();
        SqliteConnectionStringBuilder builder;
        if (raw.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = raw["file:".Length..];
            var query = path.IndexOf('?', StringComparison.Ordinal);
            builder = new SqliteConnectionStringBuilder { DataSource = query < 0 ? path : path[..query] };
        }
        else if (raw.Contains('=', StringComparison.Ordinal))
        {
            try
            {
                builder = new SqliteConnectionStringBuilder(raw);
            }
            catch (ArgumentException e)
            {
                throw context.Error($"metadata 'connectionString' is not a valid SQLite connection string: {e.Message}");
            }
        }
        else
        {
            builder = new SqliteConnectionStringBuilder { DataSource = raw };
        }

        if (string.IsNullOrEmpty(builder.DataSource)) throw context.Error("metadata 'connectionString' names no database file");
        if (builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            throw context.Error("an in-memory SQLite database is not supported here; use a file, or a component of type state.in-memory");
        builder.DataSource = Path.GetFullPath(builder.DataSource, context.Services.BaseDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }

    private void CreateSchema()
    {
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, $"""
            CREATE TABLE IF NOT EXISTS "{_table}" (
                key TEXT NOT NULL PRIMARY KEY,
                value BLOB NOT NULL,
                version INTEGER NOT NULL,
                expires_at INTEGER NULL);
            CREATE INDEX IF NOT EXISTS "{_table}_expires_at" ON "{_table}" (expires_at) WHERE expires_at IS NOT NULL;
            CREATE TABLE IF NOT EXISTS "{_sequenceTable}" (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
            INSERT OR IGNORE INTO "{_sequenceTable}" (id, last) VALUES (1, 0);
            """);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)};");
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)};");
        return connection;
    }

    /// <summary>The version an ETag names; -1 (never issued) for text that is not a version, which then cannot match.</summary>
    private static long? ParseETag(StateOperation op) =>
        op.ETag is null ? null
        : long.TryParse(op.ETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : -1;

    private void Check(SqliteConnection connection, StateOperation op, long? expected, long now)
    {
        if (expected is null && !(op.FirstWrite && op.Kind == StateOperationKind.Upsert)) return;
        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT version FROM "{_table}" WHERE key = $key AND (expires_at IS NULL OR expires_at > $now)""";
        command.Parameters.AddWithValue("$key", op.Key);
        command.Parameters.AddWithValue("$now", now);
        var current = command.ExecuteScalar() as long?;
        // With an ETag the stored version must match; first-write without one only creates.
        var ok = expected is { } version ? current == version : current is null;
        if (!ok) throw new ETagMismatchException(op.Key);
    }

    private long ReserveVersions(SqliteConnection connection, int count)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""UPDATE "{_sequenceTable}" SET last = last + $count WHERE id = 1 RETURNING last""";
        command.Parameters.AddWithValue("$count", count);
        return (long)command.ExecuteScalar()! - count;
    }

    private void Delete(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""DELETE FROM "{_table}" WHERE key = $key""";
        command.Parameters.AddWithValue("$key", key);
        command.ExecuteNonQuery();
    }

    private void Upsert(SqliteConnection connection, StateOperation op, long version, long now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO "{_table}" (key, value, version, expires_at) VALUES ($key, $value, $version, $expires)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at
            """;
        command.Parameters.AddWithValue("$key", op.Key);
        command.Parameters.AddWithValue("$value", op.Value ?? []);
        command.Parameters.AddWithValue("$version", version);
        // Like Dapr's stores, a TTL of zero or less means the item does not expire.
        command.Parameters.AddWithValue("$expires", op.Ttl is { } ttl && ttl > TimeSpan.Zero ? now + (long)ttl.TotalMilliseconds : DBNull.Value);
        command.ExecuteNonQuery();
    }

    private void SweepExpired(SqliteConnection connection, long now)
    {
        var at = _clock.GetUtcNow();
        if (at < _nextCleanup || _cleanupInterval <= TimeSpan.Zero) return;
        _nextCleanup = at + _cleanupInterval;
        using var command = connection.CreateCommand();
        command.CommandText = $"""DELETE FROM "{_table}" WHERE expires_at IS NOT NULL AND expires_at <= $now""";
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
