namespace SpaceOfSport.Identity.Roles;

/// <summary>A named set of permissions (from <c>Permissions</c>). Built-in roles are defined in code and cannot be edited.</summary>
public sealed class Role
{
    public required string Name { get; init; }

    public string? Description { get; set; }

    public List<string> Permissions { get; set; } = [];

    public bool IsBuiltIn { get; set; }
}
