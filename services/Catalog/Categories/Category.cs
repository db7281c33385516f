namespace SpaceOfSport.Catalog.Categories;

/// <summary>
/// A node of the category tree. <see cref="Path"/> is the materialized path of ids from the root down to this node
/// ("/root/child/this/"), so a subtree is one prefix match and breadcrumbs are one lookup.
/// </summary>
public sealed class Category
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? ParentId { get; set; }

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public string Path { get; set; } = "/";

    /// <summary>
    /// Levels a tree may have (a root is level 1, at <see cref="Depth"/> 0). Deeper trees help no shopper, and every
    /// nested rendering of the tree (the REST tree, a client's JSON reader with its default depth limit of 64) stays
    /// far inside its limits: a creation or move past it is a 422.
    /// </summary>
    public const int MaxLevels = 10;

    /// <summary>0 for a root.</summary>
    public int Depth { get; set; }

    /// <summary>Position among its siblings (ascending).</summary>
    public int SortOrder { get; set; }

    public int Version { get; set; } = 1;

    public static string PathOf(string? parentPath, Guid id) => $"{parentPath ?? "/"}{id:N}/";
}
