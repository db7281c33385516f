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
