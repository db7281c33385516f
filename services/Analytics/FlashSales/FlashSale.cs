namespace SpaceOfSport.Analytics.FlashSales;

/// <summary>A flash sale as the catalog announced it: what it covers and when it ran (for the flash-sale report).</summary>
public sealed class FlashSale
{
    public const int MaxNameLength = 200;

    public Guid Id { get; init; }

    public required string Name { get; set; }

    public List<Guid> ProductIds { get; set; } = [];

    public List<Guid> VariantIds { get; set; } = [];

    public DateTimeOffset StartsAt { get; set; }

    /// <summary>When it ends: the planned end, or the earlier moment it was ended (deleted while running).</summary>
    public DateTimeOffset EndsAt { get; set; }
}
