using Microsoft.EntityFrameworkCore;
using SpaceOfSport.Identity.Data;

namespace SpaceOfSport.Identity.Roles;

/// <summary>A user's roles and the union of their permissions, as they go into the access token.</summary>
public static class UserPermissions
{
    public static async Task<(IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions)> LoadAsync(
        IdentityDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var roles = await db.UserRoles.Where(r => r.UserId == userId).Select(r => r.RoleName).OrderBy(r => r).ToListAsync(cancellationToken);
        var permissionSets = await db.Roles.Where(r => roles.Contains(r.Name)).Select(r => r.Permissions).ToListAsync(cancellationToken);
        return (roles, permissionSets.SelectMany(p => p).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }
}
