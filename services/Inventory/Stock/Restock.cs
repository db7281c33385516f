namespace SpaceOfSport.Inventory.Stock;

/// <summary>
/// A restock already applied, kept under its caller's id so the same restock asked again (a retried workflow activity,
/// a repeated request) puts nothing back a second time.
/// </summary>
public sealed class Restock
{
    public const int MaxIdLength = 64;

    public const int MaxReasonLength = 200;

    public required string Id { get; init; }

    public required string Location { get; init; }

    /// <summary>The lines as <c>sku:quantity</c>, by SKU, comma-separated: the same id must come with the same lines.</summary>
    public required string Lines { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
