namespace SpaceOfSport.Analytics.Rollups;

/// <summary>
/// A time-series cell: how many events of <see cref="Metric"/> for <see cref="Dimension"/> fell in the hour or day
/// starting at <see cref="BucketStart"/> (Unix seconds, UTC), and the sum of their values (<see cref="Total"/>: money
/// in minor units, units, result counts). Updated incrementally as events arrive; never recomputed.
/// </summary>
public sealed class Rollup
{
    public const string Hour = "hour";
    public const string Day = "day";

    public required string Metric { get; init; }

    /// <summary><see cref="Hour"/> or <see cref="Day"/>.</summary>
    public required string Granularity { get; init; }

    public long BucketStart { get; init; }

    /// <summary>What the metric is broken down by (a currency, a search text, a SKU); empty for none.</summary>
    public required string Dimension { get; init; }

    public long EventCount { get; init; }

    public long Total { get; init; }
}

/// <summary>What one event adds to a metric's cell: <paramref name="Count"/> to its count, <paramref name="Value"/> to its total.</summary>
public readonly record struct RollupDelta(string Metric, string Dimension, long Count, long Value);
