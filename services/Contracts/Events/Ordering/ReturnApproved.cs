namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>Staff approved a return: the customer may send the items back.</summary>
[IntegrationEvent("ordering", "return-approved")]
public sealed record ReturnApproved : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required Guid OrderId { get; init; }

    public Guid? UserId { get; init; }

    public required string ApprovedBy { get; init; }
}
