namespace SpaceOfSport.Contracts.Events.Catalog;

/// <summary>
/// A flash sale was created, replaced or deleted through the API (audit). Its start and end are announced separately
/// (<see cref="FlashSaleStarted"/>, <see cref="FlashSaleEnded"/>) when their times come.
/// </summary>
[IntegrationEvent("catalog", "flash-sale-changed")]
public sealed record FlashSaleChanged : IntegrationEvent
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    public required Guid FlashSaleId { get; init; }

    /// <summary><see cref="Created"/>, <see cref="Updated"/> or <see cref="Deleted"/>.</summary>
    public required string Change { get; init; }

    /// <summary>The sale's version after the change (the one before, for a deletion).</summary>
    public required int Version { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<Guid> ProductIds { get; init; }

    public required IReadOnlyList<Guid> VariantIds { get; init; }

    public long? SalePriceMinor { get; init; }

    public int? PercentOff { get; init; }

    public int? PerCustomerLimit { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>The user who changed it; null when no user did.</summary>
    public Guid? ChangedBy { get; init; }
}
