using CsCheck;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.Inventory.Data;
using SpaceOfSport.Inventory.Reservations;
using SpaceOfSport.Inventory.Stock;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>
/// Property-based (CsCheck): random sequences of reserve, commit, release, expire and adjust against the real services
/// and database agree with a simple model, and 0 ≤ reserved ≤ on hand holds after every step.
/// </summary>
public sealed class StockModelPropertyTests
{
    private const int SkuCount = 3;
    private const int InitialOnHand = 6;

    private abstract record Step;

    private sealed record ReserveStep(int[] Skus, int Quantity, int TtlMinutes) : Step;

    private sealed record CommitStep(int Reservation) : Step;

    private sealed record ReleaseStep(int Reservation) : Step;

    private sealed record ExpireStep(int AdvanceMinutes) : Step;

    private sealed record AdjustStep(int Sku, int Delta) : Step;

    private static readonly Gen<Step> AnyStep = Gen.OneOf(
        from skus in Gen.Int[0, SkuCount - 1].HashSet[1, 2]
        from quantity in Gen.Int[1, 4]
        from ttl in Gen.Int[1, 30]
        select (Step)new ReserveStep([.. skus.Order()], quantity, ttl),
        Gen.Int[0, 20].Select(i => (Step)new CommitStep(i)),
        Gen.Int[0, 20].Select(i => (Step)new ReleaseStep(i)),
        Gen.Int[0, 40].Select(m => (Step)new ExpireStep(m)),
        from sku in Gen.Int[0, SkuCount - 1]
        from delta in Gen.Int[-6, 8].Where(d => d != 0)
        select (Step)new AdjustStep(sku, delta));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Random_sequences_agree_with_the_model_and_never_go_negative(string provider)
    {
        var connectionString = await TestDatabases.CreateAsync(provider, "inventory");
        await using (var db = Open(provider, connectionString)) await db.Database.MigrateAsync();

        await AnyStep.Array[1, 16].SampleAsync(steps => RunAsync(provider, connectionString, steps), iter: 8, threads: 1);
    }

    private static async Task RunAsync(string provider, string connectionString, Step[] steps)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var skus = Enumerable.Range(0, SkuCount).Select(_ => InventoryCalls.NewSku()).ToArray();
        var onHand = new long[SkuCount];
        var reserved = new long[SkuCount];
        var reservations = new List<ModelReservation>();

        foreach (var sku in skus)
        {
            await using var db = Open(provider, connectionString);
            await new StockService(db, clock).AdjustAsync(sku, "main", InitialOnHand, "received", CancellationToken.None);
        }
        Array.Fill(onHand, InitialOnHand);

        foreach (var step in steps)
        {
            await using var db = Open(provider, connectionString);
            var service = new ReservationService(db, clock);
            switch (step)
            {
                case ReserveStep reserve:
                    {
                        var fits = reserve.Skus.All(i => onHand[i] - reserved[i] >= reserve.Quantity);
                        var id = InventoryCalls.NewReservationId();
                        var lines = reserve.Skus.Select(i => new ReservationRequestLine(skus[i], reserve.Quantity)).ToList();
                        var outcome = await OutcomeAsync(() => service.ReserveAsync(id, lines, TimeSpan.FromMinutes(reserve.TtlMinutes), CancellationToken.None));
                        outcome.Should().Be(fits ? StatusCode.OK : StatusCode.FailedPrecondition, $"{reserve} with available {Available()}");
                        if (fits)
                        {
                            foreach (var i in reserve.Skus) reserved[i] += reserve.Quantity;
                            reservations.Add(new ModelReservation(id, reserve.Skus, reserve.Quantity, clock.GetUtcNow().AddMinutes(reserve.TtlMinutes)));
                        }
                        break;
                    }
                case CommitStep or ReleaseStep when reservations.Count == 0:
                    break;
                case CommitStep commit:
                    await FinishAsync(reservations[commit.Reservation % reservations.Count], ReservationStatus.Committed, () => service.CommitAsync);
                    break;
                case ReleaseStep release:
                    await FinishAsync(reservations[release.Reservation % reservations.Count], ReservationStatus.Released, () => service.ReleaseAsync);
                    break;
                case ExpireStep expire:
                    clock.Advance(TimeSpan.FromMinutes(expire.AdvanceMinutes));
                    await service.ExpireDueAsync(CancellationToken.None);
                    foreach (var r in reservations.Where(r => r.Status == ReservationStatus.Pending && r.ExpiresAt <= clock.GetUtcNow())) Expire(r);
                    break;
                case AdjustStep adjust:
                    {
                        var fits = onHand[adjust.Sku] + adjust.Delta >= reserved[adjust.Sku];
                        var outcome = await OutcomeAsync(() => new StockService(db, clock).AdjustAsync(skus[adjust.Sku], "main", adjust.Delta, "count", CancellationToken.None));
                        outcome.Should().Be(fits ? StatusCode.OK : StatusCode.FailedPrecondition, $"{adjust} with on hand {onHand[adjust.Sku]}, reserved {reserved[adjust.Sku]}");
                        if (fits) onHand[adjust.Sku] += adjust.Delta;
                        break;
                    }
            }

            var stored = await db.Stock.AsNoTracking().Where(i => skus.Contains(i.Sku)).ToDictionaryAsync(i => i.Sku);
            for (var i = 0; i < SkuCount; i++)
            {
                var item = stored[skus[i]];
                item.Reserved.Should().BeInRange(0, item.OnHand, $"after {step}");
                (item.OnHand, item.Reserved).Should().Be((onHand[i], reserved[i]), $"the model after {step}");
            }
        }

        string Available() => string.Join(",", Enumerable.Range(0, SkuCount).Select(i => onHand[i] - reserved[i]));

        void Expire(ModelReservation r)
        {
            r.Status = ReservationStatus.Expired;
            foreach (var i in r.Skus) reserved[i] -= r.Quantity;
        }

        async Task FinishAsync(ModelReservation r, ReservationStatus outcome, Func<Func<string, CancellationToken, Task<Reservation>>> call)
        {
            StatusCode expected;
            if (r.Status == ReservationStatus.Pending && r.ExpiresAt <= clock.GetUtcNow())
            {
                Expire(r);
                expected = StatusCode.FailedPrecondition;
            }
            else if (r.Status == ReservationStatus.Pending)
            {
                r.Status = outcome;
                foreach (var i in r.Skus)
                {
                    reserved[i] -= r.Quantity;
                    if (outcome == ReservationStatus.Committed) onHand[i] -= r.Quantity;
                }
                expected = StatusCode.OK;
            }
            else
            {
                expected = r.Status == outcome ? StatusCode.OK : StatusCode.FailedPrecondition;
            }
            (await OutcomeAsync(() => call()(r.Id, CancellationToken.None))).Should().Be(expected, $"{outcome} of {r.Status} reservation");
        }
    }

    private static async Task<StatusCode> OutcomeAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static InventoryDbContext Open(string provider, string connectionString) =>
        ServiceDatabase.CreateContext<InventoryDbContext, SqliteInventoryDbContext, PostgresInventoryDbContext>(provider, connectionString);

    private sealed class ModelReservation(string id, int[] skus, int quantity, DateTimeOffset expiresAt)
    {
        public string Id { get; } = id;

        public int[] Skus { get; } = skus;

        public int Quantity { get; } = quantity;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public ReservationStatus Status { get; set; } = ReservationStatus.Pending;
    }
}
