namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>The returned items arrived at the warehouse and went back into stock.</summary>
[IntegrationEvent("ordering", "return-received")]
public sealed record ReturnReceived : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required Guid OrderId { get; init; }

    public Guid? UserId { get; init; }
}
