namespace SpaceOfSport.Catalog;

/// <summary>The permission catalog writes require (an authorization policy of the same name).</summary>
public static class CatalogPermissions
{
    public const string Write = "catalog:write";

    public const string ClaimType = "permissions";
}
