namespace SpaceOfSport.Identity.Roles;

public sealed record RoleResponse(string Name, string? Description, IReadOnlyList<string> Permissions, bool IsBuiltIn)
{
    public static RoleResponse From(Role role) => new(role.Name, role.Description, role.Permissions, role.IsBuiltIn);
}
