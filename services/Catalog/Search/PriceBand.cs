namespace SpaceOfSport.Catalog.Search;

/// <summary>The fixed price bands of the price facet, in minor units (upper bound exclusive).</summary>
public sealed record PriceBand(string Value, string Label, long FromMinor, long? ToMinor)
{
    public static readonly IReadOnlyList<PriceBand> All =
    [
        new("0-2500", "Under 25", 0, 2500),
        new("2500-5000", "25 to 50", 2500, 5000),
        new("5000-10000", "50 to 100", 5000, 10000),
        new("10000-20000", "100 to 200", 10000, 20000),
        new("20000-", "200 and more", 20000, null),
    ];

    public bool Contains(long priceMinor) => priceMinor >= FromMinor && (ToMinor is null || priceMinor < ToMinor);

    /// <summary>The band a price falls in (the bands cover every price from 0 up; a negative one counts in the first).</summary>
    public static int IndexOf(long priceMinor)
    {
        for (var band = All.Count - 1; band > 0; band--)
        {
            if (priceMinor >= All[band].FromMinor) return band;
        }

        return 0;
    }
}
