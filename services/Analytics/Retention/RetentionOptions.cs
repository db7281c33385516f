namespace SpaceOfSport.Analytics.Retention;

/// <summary>Settings <c>Analytics:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Analytics:Retention";

    /// <summary>How long raw events are kept; the rollups built from them are kept.</summary>
    public TimeSpan RawEvents { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often expired raw events are deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
