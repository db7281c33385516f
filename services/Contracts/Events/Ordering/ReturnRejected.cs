namespace SpaceOfSport.Contracts.Events.Ordering;

/// <summary>Staff rejected a return (an exchange's held units are released).</summary>
[IntegrationEvent("ordering", "return-rejected")]
public sealed record ReturnRejected : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required Guid OrderId { get; init; }

    public Guid? UserId { get; init; }

    public required string RejectedBy { get; init; }

    public string? Reason { get; init; }
}
