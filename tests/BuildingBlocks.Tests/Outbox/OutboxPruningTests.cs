using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.BuildingBlocks.Tests.Outbox;

/// <summary>
/// The dispatcher deletes sent rows past their retention, in batches, at most once per prune interval, on SQLite and
/// PostgreSQL (one <c>DELETE ... LIMIT</c>-shaped statement per batch on each).
/// </summary>
public sealed class OutboxPruningTests : IAsyncDisposable
{
    public static TheoryData<string> Providers => TestDatabases.Providers;

    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly DeleteStatementCounter _deletes = new();
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("StartAsync first");

    private DateTimeOffset Now => _clock.GetUtcNow();

    private async Task StartAsync(string provider)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        // No row here is pending when the dispatcher runs, so it never calls the sidecar; the endpoint is never dialled.
        services.AddDaprClient(dapr => dapr.UseGrpcEndpoint("http://127.0.0.1:9"));
        var connectionString = await TestDatabases.CreateAsync(provider, "outbox");
        services.AddDbContext<OutboxTestDbContext>(options =>
            (provider == TestDatabases.Postgres ? options.UseNpgsql(connectionString) : options.UseSqlite(connectionString)).AddInterceptors(_deletes));
        services.AddOutbox<OutboxTestDbContext>(options =>
        {
            options.Retention = Retention;
            options.PruneInterval = PruneInterval;
            options.PruneBatchSize = 2;
            options.PollInterval = TimeSpan.FromMilliseconds(20);
        });
        _services = services.BuildServiceProvider();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>().Database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pruning_deletes_rows_sent_before_the_retention_in_batches_and_never_a_pending_row(string provider)
    {
        await StartAsync(provider);
        var old = await AddSentAsync(Now - Retention - TimeSpan.FromMinutes(1), count: 5);
        var kept = await AddSentAsync(Now - Retention + TimeSpan.FromMinutes(1));
        var pending = await AddAsync([null], occurredAt: Now - TimeSpan.FromDays(30));

        var pruned = await Services.GetRequiredService<OutboxDispatcher<OutboxTestDbContext>>().PruneSentAsync(CancellationToken.None);

        pruned.Should().Be(old.Count);
        (await RemainingAsync()).Should().Equal(kept.Concat(pending));
        _deletes.Count.Should().Be(3, "five rows in batches of two take three statements");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_dispatcher_prunes_at_start_and_then_at_most_once_per_prune_interval(string provider)
    {
        await StartAsync(provider);
        // One row, fewer than a batch: the first pass ends with the DELETE that removes it, so a row added after that
        // can only go in a later pass (with a full batch, the pass would go on and could take the next row too).
        await AddSentAsync(Now - Retention - TimeSpan.FromHours(1));
        var dispatcher = Services.GetServices<IHostedService>().Single();
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.UntilAsync(async () => (await RemainingAsync()).Count == 0, "the first pass to prune");

            var later = await AddSentAsync(Now - Retention - TimeSpan.FromHours(1));
            _clock.Advance(PruneInterval - TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            (await RemainingAsync()).Should().Equal(later, "many polls within one interval prune once");

            _clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.UntilAsync(async () => (await RemainingAsync()).Count == 0, "the next interval's pass to prune");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    private Task<List<long>> AddSentAsync(DateTimeOffset sentAt, int count = 1) =>
        AddAsync(Enumerable.Repeat<DateTimeOffset?>(sentAt, count), sentAt - TimeSpan.FromSeconds(1));

    /// <summary>Adds one row per <paramref name="sentAt"/> (null: pending) and returns their sequences.</summary>
    private async Task<List<long>> AddAsync(IEnumerable<DateTimeOffset?> sentAt, DateTimeOffset occurredAt)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
        var rows = sentAt.Select(sent => new OutboxMessage
        {
            EventId = Guid.CreateVersion7(),
            EventType = "spaceofsport.test.happened.v1",
            Topic = "test-happened-v1",
            Payload = "{}",
            OccurredAt = occurredAt,
            SentAt = sent,
        }).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.ConvertAll(r => r.Sequence);
    }

    private async Task<List<long>> RemainingAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>().Set<OutboxMessage>()
            .OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync();
    }
}
