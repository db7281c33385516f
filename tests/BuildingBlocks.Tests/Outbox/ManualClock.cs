namespace SpaceOfSport.BuildingBlocks.Tests.Outbox;

/// <summary>A clock the test moves forward, so retention and prune intervals pass on demand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
