namespace SpaceOfSport.Inventory.Tests.Infrastructure;

/// <summary>A clock the test moves forward, so expiry happens on demand.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
