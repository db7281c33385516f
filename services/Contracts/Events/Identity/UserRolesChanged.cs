namespace SpaceOfSport.Contracts.Events.Identity;

/// <summary>A user's roles were replaced (audit; services may drop cached permissions).</summary>
[IntegrationEvent("identity", "user-roles-changed")]
public sealed record UserRolesChanged(Guid UserId, IReadOnlyList<string> Roles, Guid? ChangedBy) : IntegrationEvent;
