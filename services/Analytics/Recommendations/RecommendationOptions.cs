namespace SpaceOfSport.Analytics.Recommendations;

/// <summary>Settings <c>Analytics:Recommendations</c> (the model's parameters, docs/decisions/0010-recommendations-from-co-purchases.md).</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Analytics:Recommendations";

    public const int MaxFirst = 50;

    /// <summary>Fewest paid orders holding both products before a pair is recommended (noise guard).</summary>
    public int MinSupport { get; set; } = 2;

    /// <summary>How much a bought product counts as a seed of <c>recommendedForMe</c> against a viewed one (1).</summary>
    public double BoughtWeight { get; set; } = 2;

    /// <summary>How many of the customer's latest product views seed <c>recommendedForMe</c>.</summary>
    public int RecentViews { get; set; } = 50;
}
