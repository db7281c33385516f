namespace SpaceOfSport.Identity.Roles;

public sealed record UserRolesRequest(IReadOnlyList<string>? Roles);
