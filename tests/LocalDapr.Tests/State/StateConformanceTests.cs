using System.Text;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace LocalDapr.Tests.State;

// Contract: https://docs.dapr.io/reference/api/state_api/ and https://docs.dapr.io/developing-applications/building-blocks/state-management/state-management-overview/
// Every test runs on each backend; keys carry a unique suffix because the Redis server is shared.
public sealed class StateConformanceTests
{
    private const string Store = StateTestBed.StoreName;

    // https://docs.dapr.io/reference/api/state_api/#get-state: a store always returns an ETag with a value.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Saved_state_is_read_back_with_an_etag(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("order");

        await app.Client.SaveStateAsync(Store, key, new Dictionary<string, int> { ["total"] = 4200 });
        var (value, etag) = await app.Client.GetStateAndETagAsync<Dictionary<string, int>>(Store, key);

        value.Should().ContainKey("total").WhoseValue.Should().Be(4200);
        etag.Should().NotBeNullOrEmpty();
    }

    // https://docs.dapr.io/reference/api/state_api/#get-state: a missing key is "not found" (204 on HTTP, empty data on gRPC).
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Missing_key_reads_as_null_with_an_empty_etag(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();

        var (value, etag) = await app.Client.GetStateAndETagAsync<string>(Store, UniqueKey("missing"));

        value.Should().BeNull();
        etag.Should().BeNullOrEmpty();
    }

    // https://docs.dapr.io/reference/api/state_api/#get-bulk-state: one item per key asked, missing keys without data.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Bulk_get_returns_every_key_asked_for_including_missing_ones(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var (first, missing, second) = (UniqueKey("a"), UniqueKey("missing"), UniqueKey("b"));
        await app.Client.SaveStateAsync(Store, first, "alpha");
        await app.Client.SaveStateAsync(Store, second, "beta");

        var items = await app.Client.GetBulkStateAsync<string>(Store, [first, missing, second], parallelism: 2);

        items.Select(i => i.Key).Should().BeEquivalentTo([first, missing, second]);
        items.Single(i => i.Key == first).Value.Should().Be("alpha");
        items.Single(i => i.Key == second).Value.Should().Be("beta");
        items.Single(i => i.Key == first).ETag.Should().NotBeNullOrEmpty();
        items.Single(i => i.Key == missing).Value.Should().BeNull();
        items.Single(i => i.Key == missing).ETag.Should().BeNullOrEmpty();
    }

    // https://docs.dapr.io/reference/api/state_api/#delete-state
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Deleted_state_is_gone(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("cart");
        await app.Client.SaveStateAsync(Store, key, "three socks");

        await app.Client.DeleteStateAsync(Store, key);

        (await app.Client.GetStateAsync<string>(Store, key)).Should().BeNull();
    }

    // https://docs.dapr.io/developing-applications/building-blocks/state-management/state-management-overview/#concurrency:
    // a write with an ETag succeeds only when it matches the stored one; a mismatch is gRPC Aborted, which TrySave turns into false.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task A_stale_etag_is_refused_and_the_current_one_accepted(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("stock");
        await app.Client.SaveStateAsync(Store, key, 10);
        var (_, stale) = await app.Client.GetStateAndETagAsync<int>(Store, key);
        await app.Client.SaveStateAsync(Store, key, 9);
        var (_, current) = await app.Client.GetStateAndETagAsync<int>(Store, key);

        (await app.Client.TrySaveStateAsync(Store, key, 100, stale)).Should().BeFalse();
        (await app.Client.TryDeleteStateAsync(Store, key, stale)).Should().BeFalse();
        (await app.Client.GetStateAsync<int>(Store, key)).Should().Be(9);

        current.Should().NotBe(stale);
        (await app.Client.TrySaveStateAsync(Store, key, 8, current)).Should().BeTrue();
        var (value, next) = await app.Client.GetStateAndETagAsync<int>(Store, key);
        value.Should().Be(8);
        (await app.Client.TryDeleteStateAsync(Store, key, next)).Should().BeTrue();
        (await app.Client.GetStateAsync<int?>(Store, key)).Should().BeNull();
    }

    // https://docs.dapr.io/reference/api/error_codes/: daprd's Redis store takes only integer ETags (components-contrib
    // state/redis parseETag), so any other text is InvalidArgument, not a mismatch.
    [Fact]
    public async Task A_malformed_etag_is_an_invalid_argument_on_redis()
    {
        await using var bed = StateTestBed.Create("redis");
        var app = await bed.StartAppAsync();
        var key = UniqueKey("stock");
        await app.Client.SaveStateAsync(Store, key, 10);

        var save = () => app.Client.TrySaveStateAsync(Store, key, 11, "not-a-version");

        (await save.Should().ThrowAsync<DaprException>()).Which.InnerException.Should().BeOfType<RpcException>()
            .Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await app.Client.GetStateAsync<int>(Store, key)).Should().Be(10);
    }

    // https://docs.dapr.io/developing-applications/building-blocks/state-management/state-management-overview/#concurrency:
    // daprd's in-memory and SQLite stores compare ETags as text (components-contrib state/in-memory doValidateEtag,
    // state/sqlite doSet), so one they never issued is an ordinary mismatch: Aborted, and TrySave answers false.
    [Theory]
    [InlineData("in-memory")]
    [InlineData("sqlite")]
    public async Task An_etag_the_store_never_issued_is_a_mismatch(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("stock");
        await app.Client.SaveStateAsync(Store, key, 10);

        (await app.Client.TrySaveStateAsync(Store, key, 11, "not-a-version")).Should().BeFalse();
        (await app.Client.TryDeleteStateAsync(Store, key, "not-a-version")).Should().BeFalse();
        (await app.Client.GetStateAsync<int>(Store, key)).Should().Be(10);
    }

    // daprd's Redis store compares an ETag only with the version of a key that exists (components-contrib state/redis,
    // setDefaultQuery/delDefaultQuery): a save with an ETag on a missing key writes it, and a delete succeeds.
    [Fact]
    public async Task An_etag_on_a_missing_key_writes_it_on_redis()
    {
        await using var bed = StateTestBed.Create("redis");
        var app = await bed.StartAppAsync();
        var key = UniqueKey("basket");

        (await app.Client.TrySaveStateAsync(Store, key, "first", "7")).Should().BeTrue();
        (await app.Client.GetStateAsync<string>(Store, key)).Should().Be("first");
        (await app.Client.TryDeleteStateAsync(Store, UniqueKey("never-written"), "7")).Should().BeTrue();
    }

    // daprd's in-memory and SQLite stores only accept an ETag that names the current version of an existing key
    // (state/in-memory doValidateEtag: "state not exist"; state/sqlite: an UPDATE/DELETE that touches no row).
    [Theory]
    [InlineData("in-memory")]
    [InlineData("sqlite")]
    public async Task An_etag_on_a_missing_key_is_a_mismatch(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("basket");

        (await app.Client.TrySaveStateAsync(Store, key, "first", "7")).Should().BeFalse();
        (await app.Client.GetStateAsync<string>(Store, key)).Should().BeNull();
        (await app.Client.TryDeleteStateAsync(Store, key, "7")).Should().BeFalse();
    }

    // https://docs.dapr.io/reference/api/state_api/#concurrency: with first-write-wins a write without an ETag only creates a key.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task First_write_wins_refuses_a_write_without_etag_to_an_existing_key(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("reservation");
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };

        await app.Client.SaveStateAsync(Store, key, "alice", firstWrite);
        (await app.Client.TrySaveStateAsync(Store, key, "bob", "", firstWrite)).Should().BeFalse();
        var (value, etag) = await app.Client.GetStateAndETagAsync<string>(Store, key);
        value.Should().Be("alice");

        (await app.Client.TrySaveStateAsync(Store, key, "carol", etag, firstWrite)).Should().BeTrue();
        (await app.Client.GetStateAsync<string>(Store, key)).Should().Be("carol");
    }

    // Explicit last-write-wins: daprd's Redis store ignores the ETag (components-contrib state/redis parseETag), so a
    // stale one does not stop the write; without an ETag any write wins (state-management-overview#concurrency).
    [Fact]
    public async Task Last_write_wins_ignores_a_stale_etag_on_redis()
    {
        await using var bed = StateTestBed.Create("redis");
        var app = await bed.StartAppAsync();
        var key = UniqueKey("profile");
        await app.Client.SaveStateAsync(Store, key, "v1");
        var (_, stale) = await app.Client.GetStateAndETagAsync<string>(Store, key);
        await app.Client.SaveStateAsync(Store, key, "v2");

        var saved = await app.Client.TrySaveStateAsync(Store, key, "v3", stale, new StateOptions { Concurrency = ConcurrencyMode.LastWrite });

        saved.Should().BeTrue();
        (await app.Client.GetStateAsync<string>(Store, key)).Should().Be("v3");
    }

    // daprd's in-memory and SQLite stores check a given ETag whatever the concurrency option (state/in-memory
    // doValidateEtag, state/sqlite doSet): last-write-wins only means "no ETag, no check" there.
    [Theory]
    [InlineData("in-memory")]
    [InlineData("sqlite")]
    public async Task Last_write_wins_still_checks_a_given_etag(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("profile");
        await app.Client.SaveStateAsync(Store, key, "v1");
        var (_, stale) = await app.Client.GetStateAndETagAsync<string>(Store, key);
        await app.Client.SaveStateAsync(Store, key, "v2");
        var lastWrite = new StateOptions { Concurrency = ConcurrencyMode.LastWrite };

        (await app.Client.TrySaveStateAsync(Store, key, "v3", stale, lastWrite)).Should().BeFalse();
        await app.Client.SaveStateAsync(Store, key, "v4", lastWrite);

        (await app.Client.GetStateAsync<string>(Store, key)).Should().Be("v4");
    }

    // https://docs.dapr.io/reference/api/state_api/#state-transactions: a transaction is applied all or nothing.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task A_transaction_with_one_stale_etag_changes_nothing(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var (order, stock, audit) = (UniqueKey("order"), UniqueKey("stock"), UniqueKey("audit"));
        await app.Client.SaveStateAsync(Store, order, "placed");
        await app.Client.SaveStateAsync(Store, stock, 5);
        await app.Client.SaveStateAsync(Store, audit, "kept");
        var (_, staleStock) = await app.Client.GetStateAndETagAsync<int>(Store, stock);
        await app.Client.SaveStateAsync(Store, stock, 4);

        var transact = () => app.Client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest(order, Json("paid"), StateOperationType.Upsert),
            new StateTransactionRequest(audit, null, StateOperationType.Delete),
            new StateTransactionRequest(stock, Json(3), StateOperationType.Upsert, staleStock),
        ]);

        await transact.Should().ThrowAsync<DaprException>();
        (await app.Client.GetStateAsync<string>(Store, order)).Should().Be("placed");
        (await app.Client.GetStateAsync<int>(Store, stock)).Should().Be(4);
        (await app.Client.GetStateAsync<string>(Store, audit)).Should().Be("kept");
    }

    // https://docs.dapr.io/reference/api/state_api/#state-transactions: upserts and deletes in one request.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task A_transaction_applies_its_upserts_and_deletes(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var (order, draft) = (UniqueKey("order"), UniqueKey("draft"));
        await app.Client.SaveStateAsync(Store, draft, "draft");
        var (_, draftETag) = await app.Client.GetStateAndETagAsync<string>(Store, draft);

        await app.Client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest(order, Json("placed"), StateOperationType.Upsert),
            new StateTransactionRequest(draft, null, StateOperationType.Delete, draftETag),
        ]);

        (await app.Client.GetStateAsync<string>(Store, order)).Should().Be("placed");
        (await app.Client.GetStateAsync<string>(Store, draft)).Should().BeNull();
    }

    // https://docs.dapr.io/developing-applications/building-blocks/state-management/state-store-ttl/: metadata ttlInSeconds.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task State_saved_with_a_ttl_expires(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var (session, profile) = (UniqueKey("session"), UniqueKey("profile"));
        await app.Client.SaveStateAsync(Store, session, "token", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "1" });
        await app.Client.SaveStateAsync(Store, profile, "kept");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await app.Client.GetStateAsync<string>(Store, session) is not null && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        (await app.Client.GetStateAsync<string>(Store, session)).Should().BeNull("the item's time-to-live ran out");
        (await app.Client.GetStateAsync<string>(Store, profile)).Should().Be("kept");
    }

    // https://docs.dapr.io/reference/api/state_api/#key-scheme: keys are stored as <App ID>||<key>, so apps sharing a
    // store do not see each other's state.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Apps_sharing_a_store_keep_their_keys_apart(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var orders = await bed.StartAppAsync("orders");
        var billing = await bed.StartAppAsync("billing");
        var key = UniqueKey("settings");

        await orders.Client.SaveStateAsync(Store, key, "orders' settings");
        (await billing.Client.GetStateAsync<string>(Store, key)).Should().BeNull();
        await billing.Client.SaveStateAsync(Store, key, "billing's settings");

        (await orders.Client.GetStateAsync<string>(Store, key)).Should().Be("orders' settings");
        (await billing.Client.GetStateAsync<string>(Store, key)).Should().Be("billing's settings");
    }

    // Optimistic concurrency (state-management-overview#concurrency): of many writers holding the same ETag, one wins.
    [Theory]
    [MemberData(nameof(StateTestBed.Backends), MemberType = typeof(StateTestBed))]
    public async Task Of_twenty_concurrent_saves_with_the_same_etag_exactly_one_wins(string backend)
    {
        await using var bed = StateTestBed.Create(backend);
        var app = await bed.StartAppAsync();
        var key = UniqueKey("counter");
        await app.Client.SaveStateAsync(Store, key, 0);
        var (_, etag) = await app.Client.GetStateAndETagAsync<int>(Store, key);

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => app.Client.TrySaveStateAsync(Store, key, i, etag))));

        results.Count(saved => saved).Should().Be(1);
        var winner = Enumerable.Range(1, 20).Single(i => results[i - 1]);
        (await app.Client.GetStateAsync<int>(Store, key)).Should().Be(winner);
    }

    // https://docs.dapr.io/reference/api/error_codes/: ERR_STATE_STORE_NOT_FOUND is InvalidArgument on gRPC.
    [Fact]
    public async Task An_unknown_store_is_an_invalid_argument()
    {
        await using var bed = StateTestBed.Create("in-memory");
        var app = await bed.StartAppAsync();

        var get = () => app.Client.GetStateAsync<string>("no-such-store", "key");

        (await get.Should().ThrowAsync<DaprException>()).Which.InnerException.Should().BeOfType<RpcException>()
            .Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
    }

    // https://docs.dapr.io/reference/components-reference/supported-state-stores/setup-sqlite/: the data lives in the file.
    [Fact]
    public async Task Sqlite_state_survives_a_runtime_restart()
    {
        await using var bed = StateTestBed.Create("sqlite");
        var before = await bed.StartAppAsync("durable");
        var key = UniqueKey("order");
        await before.Client.SaveStateAsync(Store, key, "placed");
        var (_, etag) = await before.Client.GetStateAndETagAsync<string>(Store, key);
        var appId = before.AppId;

        await bed.RestartRuntimeAsync();
        await using var after = await Infrastructure.DaprTestApp.StartAsync(bed.Runtime, appId, bed.Folder.Path);

        File.Exists(Path.Combine(bed.Folder.Path, ".data", "state.db")).Should().BeTrue();
        var (value, etagAfter) = await after.Client.GetStateAndETagAsync<string>(Store, key);
        value.Should().Be("placed");
        etagAfter.Should().Be(etag);
    }

    private static string UniqueKey(string name) => $"{name}-{Guid.NewGuid():N}";

    private static byte[] Json<T>(T value) => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(value));
}
