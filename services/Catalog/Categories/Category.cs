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

    public int Depth { get; set; }

    /// <summary>Position among its siblings (ascending).</summary>
    public int SortOrder { get; set; }

    public int Version { get; set; } = 1;

    public static string PathOf(string? parentPath, Guid id) => $"{parentPath ?? "/"}{id:N}/";
}
