namespace SpaceOfSport.Identity.Roles;

public sealed record RoleRequest(string? Name, string? Description, IReadOnlyList<string>? Permissions);
