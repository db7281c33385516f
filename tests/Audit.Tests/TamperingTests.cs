using Microsoft.Data.Sqlite;
using Npgsql;
using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.Audit.Tests.Infrastructure;
using SpaceOfSport.Contracts.Audit.V1;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Audit.Tests;

/// <summary>Each test tampers with its own ledger (a fresh service and database).</summary>
public sealed class TamperingTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_services_own_connection_can_neither_update_nor_delete_an_entry(string provider)
    {
        await using var host = await AuditHost.StartAsync(provider);
        var entry = await host.AsPayments.AppendNewAsync();
        await host.CheckpointAtAsync(entry.Sequence);
        var serviceConnection = host.Service.Services.GetRequiredService<IConfiguration>().GetConnectionString("audit")!;

        var update = () => Execute(provider, serviceConnection, $"UPDATE ledger_entries SET \"Actor\" = 'user:someone-else' WHERE \"Sequence\" = {entry.Sequence}");
        var delete = () => Execute(provider, serviceConnection, $"DELETE FROM ledger_entries WHERE \"Sequence\" = {entry.Sequence}");
        var deleteCheckpoints = () => Execute(provider, serviceConnection, "DELETE FROM ledger_checkpoints");

        (await update.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(e => IsRefusal(e));
        (await delete.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(e => IsRefusal(e));
        (await deleteCheckpoints.Should().ThrowAsync<Exception>()).Which.Should().Match<Exception>(e => IsRefusal(e));
        (await host.Auditor.QueryAsync(new QueryRequest { Subject = entry.Subject })).Entries.Should().ContainSingle().Which.Should().Be(entry);
    }

    [Fact]
    public async Task On_postgres_even_the_owner_is_refused_until_it_disables_the_triggers()
    {
        await using var host = await AuditHost.StartAsync(TestDatabases.Postgres);
        var entry = await host.AsPayments.AppendNewAsync();

        var update = () => host.ExecuteAsOwnerAsync($"UPDATE ledger_entries SET \"Actor\" = 'user:someone-else' WHERE \"Sequence\" = {entry.Sequence}");
        var truncate = () => host.ExecuteAsOwnerAsync("TRUNCATE ledger_entries");

        (await update.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        (await truncate.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_names_a_modified_entry(string provider)
    {
        await using var host = await AuditHost.StartAsync(provider);
        for (var i = 0; i < 5; i++) await host.AsPayments.AppendNewAsync();
        await host.DisableAppendOnlyTriggersAsync();

        await host.ExecuteAsOwnerAsync("UPDATE ledger_entries SET \"Actor\" = 'user:someone-else' WHERE \"Sequence\" = 3");

        var verdict = await host.Auditor.VerifyAllAsync();
        verdict.Ok.Should().BeFalse();
        verdict.FirstBadSequence.Should().Be(3);
        verdict.Reason.Should().Contain("content was changed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_names_a_deleted_entry(string provider)
    {
        await using var host = await AuditHost.StartAsync(provider);
        for (var i = 0; i < 5; i++) await host.AsPayments.AppendNewAsync();
        await host.DisableAppendOnlyTriggersAsync();

        await host.ExecuteAsOwnerAsync("DELETE FROM ledger_entries WHERE \"Sequence\" = 4");

        var verdict = await host.Auditor.VerifyAllAsync();
        verdict.Ok.Should().BeFalse();
        verdict.FirstBadSequence.Should().Be(4);
        verdict.Reason.Should().Contain("missing");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_names_a_reordered_entry(string provider)
    {
        await using var host = await AuditHost.StartAsync(provider);
        for (var i = 0; i < 5; i++) await host.AsPayments.AppendNewAsync();
        await host.DisableAppendOnlyTriggersAsync();

        // Entries 2 and 3 swap places.
        await host.ExecuteAsOwnerAsync("UPDATE ledger_entries SET \"Sequence\" = -2 WHERE \"Sequence\" = 2");
        await host.ExecuteAsOwnerAsync("UPDATE ledger_entries SET \"Sequence\" = 2 WHERE \"Sequence\" = 3");
        await host.ExecuteAsOwnerAsync("UPDATE ledger_entries SET \"Sequence\" = 3 WHERE \"Sequence\" = -2");

        var verdict = await host.Auditor.VerifyAllAsync();
        verdict.Ok.Should().BeFalse();
        verdict.FirstBadSequence.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_detects_a_chain_rewritten_with_fresh_hashes_by_the_signed_checkpoints(string provider)
    {
        await using var host = await AuditHost.StartAsync(provider);
        for (var i = 0; i < 3; i++) await host.AsPayments.AppendNewAsync();
        await host.CheckpointAtAsync(3);
        for (var i = 0; i < 3; i++) await host.AsPayments.AppendNewAsync();
        await host.CheckpointAtAsync(6);
        var entries = await host.Auditor.AllEntriesAsync();
        await host.DisableAppendOnlyTriggersAsync();

        // The insider changes entry 5 and recomputes every hash after it: the chain alone looks sound.
        var previousHash = entries[3].Hash;
        foreach (var entry in entries.Skip(4))
        {
            var actor = entry.Sequence == 5 ? "user:someone-else" : entry.Actor;
            var hash = EntryHashing.Compute(previousHash, EntryHashing.CanonicalContent(entry.Sequence, entry.RecordedAt.ToDateTimeOffset(),
                actor, entry.Action, entry.Subject, Nullable(entry.BeforeDigest), Nullable(entry.AfterDigest), entry.SourceEventId));
            await host.ExecuteAsOwnerAsync(
                $"UPDATE ledger_entries SET \"Actor\" = '{actor}', \"PreviousHash\" = '{previousHash}', \"Hash\" = '{hash}' WHERE \"Sequence\" = {entry.Sequence}");
            previousHash = hash;
        }

        var verdict = await host.Auditor.VerifyAllAsync();
        verdict.Ok.Should().BeFalse();
        verdict.HeadHash.Should().Be(previousHash, "the fresh head is what the database now holds");
        verdict.FirstBadSequence.Should().Be(4, "entries 1 to 3 are vouched for by the checkpoint signed at 3; nothing after it is");
        verdict.Reason.Should().Contain("checkpoint 6").And.Contain("rewritten");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_detects_entries_removed_from_the_end_behind_a_signed_checkpoint(string provider)
    {
        await using var host = await AuditHost.StartAsync(provider);
        for (var i = 0; i < 4; i++) await host.AsPayments.AppendNewAsync();
        await host.CheckpointAtAsync(4);
        await host.DisableAppendOnlyTriggersAsync();

        await host.ExecuteAsOwnerAsync("DELETE FROM ledger_entries WHERE \"Sequence\" = 4");

        var verdict = await host.Auditor.VerifyAllAsync();
        verdict.Ok.Should().BeFalse();
        verdict.FirstBadSequence.Should().Be(4);
        verdict.Reason.Should().Contain("entries were removed");
    }

    private static string? Nullable(string digest) => digest.Length == 0 ? null : digest;

    private static bool IsRefusal(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.Message.Contains("append-only", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.InsufficientPrivilege,
        _ => false,
    };

    private static async Task Execute(string provider, string connectionString, string sql)
    {
        if (provider == TestDatabases.Sqlite)
        {
            await using var sqlite = new SqliteConnection(connectionString);
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
            return;
        }
        await using var postgres = new NpgsqlConnection(connectionString);
        await postgres.OpenAsync();
        await using var pgCommand = new NpgsqlCommand(sql, postgres);
        await pgCommand.ExecuteNonQueryAsync();
    }
}
