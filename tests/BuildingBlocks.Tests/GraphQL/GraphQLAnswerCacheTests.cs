using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.BuildingBlocks.Tests.GraphQL;

public sealed class GraphQLAnswerCacheTests
{
    private sealed class Versions : IGraphQLAnswerVersion
    {
        public GraphQLAnswerStamp Current { get; set; } = new(1, DateTimeOffset.MaxValue);
    }

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly Versions _versions = new();

    [Fact]
    public void An_answer_is_served_while_its_version_holds_and_never_after_it_moved()
    {
        var cache = new GraphQLAnswerCache(_versions, _time);
        cache.Keep("q", [1, 2, 3], cache.Stamp());

        var before = cache.Find("q");
        _versions.Current = _versions.Current with { Version = 2 };
        var after = cache.Find("q");
        _versions.Current = _versions.Current with { Version = 1 };

        before.Should().Equal(1, 2, 3);
        after.Should().BeNull();
        cache.Find("q").Should().BeNull("a stale answer is dropped when found, not kept for a version that comes back");
    }

    [Fact]
    public void An_answer_expires_when_the_clock_reaches_its_stamp()
    {
        var saleStarts = _time.GetUtcNow().AddMinutes(5);
        _versions.Current = new GraphQLAnswerStamp(1, saleStarts);
        var cache = new GraphQLAnswerCache(_versions, _time);
        cache.Keep("q", [7], cache.Stamp());

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        var justBefore = cache.Find("q");
        _time.Advance(TimeSpan.FromTicks(1));

        justBefore.Should().Equal(7);
        cache.Find("q").Should().BeNull();
    }

    [Fact]
    public void An_answer_kept_under_a_stamp_read_before_a_change_is_never_served()
    {
        var cache = new GraphQLAnswerCache(_versions, _time);
        var stamp = cache.Stamp();
        _versions.Current = _versions.Current with { Version = 2 };

        cache.Keep("q", [1], stamp);

        cache.Find("q").Should().BeNull("the answer may have read the state before the change");
    }
}
