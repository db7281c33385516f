using Microsoft.Data.Sqlite;
using Npgsql;
using SpaceOfSport.Contracts.Audit.V1;
using SpaceOfSport.TestSupport;
using LedgerClient = SpaceOfSport.Contracts.Audit.V1.Ledger.LedgerClient;

namespace SpaceOfSport.Audit.Tests.Infrastructure;

/// <summary>Short forms of the calls tests make.</summary>
public static class LedgerCalls
{
    public static AppendRequest NewAppend(string? sourceEventId = null, string action = "payments.refund-issued") => new()
    {
        Actor = $"user:{Guid.NewGuid()}",
        Action = action,
        Subject = $"payment:{Guid.NewGuid()}",
        BeforeDigest = new string('a', 64),
        AfterDigest = new string('b', 64),
        SourceEventId = sourceEventId ?? $"test-{Guid.NewGuid():N}",
    };

    public static async Task<Entry> AppendNewAsync(this LedgerClient client) => (await client.AppendAsync(NewAppend())).Entry;

    /// <summary>Every entry from the first, following the pages.</summary>
    public static async Task<IReadOnlyList<Entry>> AllEntriesAsync(this LedgerClient client)
    {
        List<Entry> entries = [];
        var token = "";
        do
        {
            var page = await client.QueryAsync(new QueryRequest { PageSize = 500, PageToken = token });
            entries.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return entries;
    }

    public static async Task<VerifyResponse> VerifyAllAsync(this LedgerClient client) => await client.VerifyAsync(new VerifyRequest());

    /// <summary>
    /// Lets time pass (one checkpoint interval per probe) until the ledger has signed a checkpoint at
    /// <paramref name="sequence"/> or later.
    /// </summary>
    public static async Task<Checkpoint> CheckpointAtAsync(this AuditHost host, long sequence) =>
        (await Eventually.ReturnsAsync(async () =>
        {
            host.Clock.Advance(AuditHost.CheckpointInterval);
            return await host.Auditor.GetCheckpointAsync(new GetCheckpointRequest());
        }, answer => answer.Checkpoint.Sequence >= sequence, because: $"a checkpoint at entry {sequence}")).Checkpoint;

    /// <summary>
    /// What an insider with the database's keys does first: on SQLite drops the triggers that refuse updates and deletes,
    /// on PostgreSQL disables them (as the owner).
    /// </summary>
    public static async Task DisableAppendOnlyTriggersAsync(this AuditHost host)
    {
        if (host.Provider == TestDatabases.Sqlite)
        {
            await host.ExecuteAsOwnerAsync("DROP TRIGGER ledger_entries_refuse_update; DROP TRIGGER ledger_entries_refuse_delete;");
            return;
        }
        await host.ExecuteAsOwnerAsync("ALTER TABLE ledger_entries DISABLE TRIGGER USER;");
    }

    /// <summary>Runs <paramref name="sql"/> on the ledger's database as its owner.</summary>
    public static async Task<int> ExecuteAsOwnerAsync(this AuditHost host, string sql)
    {
        if (host.Provider == TestDatabases.Sqlite)
        {
            await using var sqlite = new SqliteConnection(host.OwnerConnectionString);
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }

        await using var postgres = new NpgsqlConnection(host.OwnerConnectionString);
        await postgres.OpenAsync();
        await using var pgCommand = new NpgsqlCommand(sql, postgres);
        return await pgCommand.ExecuteNonQueryAsync();
    }
}
