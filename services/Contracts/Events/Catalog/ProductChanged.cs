namespace SpaceOfSport.Contracts.Events.Catalog;

/// <summary>A product or one of its variants was created, changed or deleted (<see cref="Deleted"/>).</summary>
[IntegrationEvent("catalog", "product-changed")]
public sealed record ProductChanged : IntegrationEvent
{
    public required Guid ProductId { get; init; }

    public required string Slug { get; init; }

    public required string Name { get; init; }

    /// <summary>draft, active or archived.</summary>
    public required string Status { get; init; }

    public required IReadOnlyList<string> Skus { get; init; }

    public bool Deleted { get; init; }
}
