using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Identity.Data;
using SpaceOfSport.Identity.Roles;

namespace SpaceOfSport.Identity.Apis;

/// <summary>Roles and role grants, for holders of <c>roles:manage</c>. Changes reach tokens at their next refresh (at most 15 minutes).</summary>
public static partial class RolesApi
{
    public static IEndpointRouteBuilder MapRolesApi(this IEndpointRouteBuilder app)
    {
        var roles = app.MapGroup("/api/roles").WithTags("Roles").RequirePermission(Permissions.RolesManage);
        roles.MapGet("/", ListAsync).WithName("ListRoles").WithSummary("Every role with its permissions");
        roles.MapPost("/", CreateAsync).WithName("CreateRole").WithSummary("Create a custom role");
        roles.MapPut("/{name}", UpdateAsync).WithName("UpdateRole").WithSummary("Change a custom role's description and permissions");
        roles.MapDelete("/{name}", DeleteAsync).WithName("DeleteRole").WithSummary("Delete a custom role no user holds");

        var grants = app.MapGroup("/api/users/{userId:guid}/roles").WithTags("Roles").RequirePermission(Permissions.RolesManage);
        grants.MapGet("/", GetUserRolesAsync).WithName("GetUserRoles").WithSummary("The roles a user holds");
        grants.MapPut("/", SetUserRolesAsync).WithName("SetUserRoles").WithSummary("Replace a user's roles (the last admin keeps admin)");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<RoleResponse>>> ListAsync(IdentityDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<RoleResponse>>([.. (await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken)).Select(RoleResponse.From)]);

    public static async Task<Results<Created<RoleResponse>, ValidationProblem, ConflictProblem>> CreateAsync(
        RoleRequest request, ClaimsPrincipal principal, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request, requireName: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.Roles.AnyAsync(r => r.Name == request.Name, cancellationToken))
            return new ConflictProblem("Role exists", $"A role named '{request.Name}' exists.");
        var role = new Role { Name = request.Name!, Description = request.Description, Permissions = [.. request.Permissions!.Distinct()] };
        db.Roles.Add(role);
        db.AddIntegrationEvent(PermissionsChanged(role.Name, RolePermissionsChanged.Created, [], role.Permissions, principal, clock));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/roles/{role.Name}", RoleResponse.From(role));
    }

    public static async Task<Results<Ok<RoleResponse>, ValidationProblem, NotFound, ConflictProblem>> UpdateAsync(
        string name, RoleRequest request, ClaimsPrincipal principal, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request, requireName: false);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.Roles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken) is not { } role) return TypedResults.NotFound();
        if (role.IsBuiltIn) return BuiltInRole(name);
        var previous = role.Permissions;
        role.Description = request.Description;
        role.Permissions = [.. request.Permissions!.Distinct()];
        db.AddIntegrationEvent(PermissionsChanged(role.Name, RolePermissionsChanged.Updated, previous, role.Permissions, principal, clock));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RoleResponse.From(role));
    }

    public static async Task<Results<NoContent, NotFound, ConflictProblem>> DeleteAsync(
        string name, ClaimsPrincipal principal, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Roles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken) is not { } role) return TypedResults.NotFound();
        if (role.IsBuiltIn) return BuiltInRole(name);
        if (await db.UserRoles.AnyAsync(r => r.RoleName == name, cancellationToken))
            return new ConflictProblem("Role in use", $"Users hold '{name}'; take it from them first.");
        db.Roles.Remove(role);
        db.AddIntegrationEvent(PermissionsChanged(role.Name, RolePermissionsChanged.Deleted, role.Permissions, [], principal, clock));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IReadOnlyList<string>>, NotFound>> GetUserRolesAsync(Guid userId, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<string>>(await db.UserRoles.Where(r => r.UserId == userId).Select(r => r.RoleName).OrderBy(r => r).ToListAsync(cancellationToken));
    }

    /// <summary>Replaces the user's roles. The last admin cannot lose the role (nobody could manage roles after).</summary>
    public static async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, NotFound, ConflictProblem>> SetUserRolesAsync(
        Guid userId, UserRolesRequest request, ClaimsPrincipal principal, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Roles is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["roles"] = ["Required."] });
        var wanted = request.Roles.Distinct().Order(StringComparer.Ordinal).ToList();
        var known = await db.Roles.Where(r => wanted.Contains(r.Name)).Select(r => r.Name).ToListAsync(cancellationToken);
        if (wanted.Except(known).ToList() is { Count: > 0 } unknown)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["roles"] = [$"Unknown roles: {string.Join(", ", unknown)}."] });
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) return TypedResults.NotFound();

        var current = await db.UserRoles.Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        var losesAdmin = current.Any(r => r.RoleName == BuiltInRoles.Admin) && !wanted.Contains(BuiltInRoles.Admin);
        if (losesAdmin && await db.UserRoles.CountAsync(r => r.RoleName == BuiltInRoles.Admin, cancellationToken) == 1)
            return new ConflictProblem("Last admin", "The last admin keeps the admin role.");

        db.UserRoles.RemoveRange(current.Where(r => !wanted.Contains(r.RoleName)));
        db.UserRoles.AddRange(wanted.Where(name => current.All(r => r.RoleName != name)).Select(name => new UserRole { UserId = userId, RoleName = name }));
        db.AddIntegrationEvent(new UserRolesChanged
        {
            UserId = userId,
            Roles = wanted,
            ChangedBy = ChangedBy(principal),
            OccurredAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<string>>(wanted);
    }

    /// <summary>Every change of a role's permissions is announced in the same transaction (audit records them).</summary>
    private static RolePermissionsChanged PermissionsChanged(
        string role, string change, IEnumerable<string> before, IEnumerable<string> after, ClaimsPrincipal principal, TimeProvider clock) => new()
        {
            Role = role,
            Change = change,
            PreviousPermissions = [.. before.Order(StringComparer.Ordinal)],
            Permissions = [.. after.Order(StringComparer.Ordinal)],
            ChangedBy = ChangedBy(principal),
            OccurredAt = clock.GetUtcNow(),
        };

    private static Guid? ChangedBy(ClaimsPrincipal principal) => CurrentUser.Id(principal) is var by && by != Guid.Empty ? by : null;

    private static Dictionary<string, string[]> Validate(RoleRequest request, bool requireName)
    {
        var errors = new Dictionary<string, string[]>();
        if (requireName && (request.Name is null || !RoleName().IsMatch(request.Name)))
            errors["name"] = ["A name of lowercase letters, digits and hyphens (at most 64) is required."];
        if (request.Description is { Length: > 500 }) errors["description"] = ["At most 500 characters."];
        if (request.Permissions is null) errors["permissions"] = ["Required (may be empty)."];
        else if (request.Permissions.Except(Permissions.All).ToList() is { Count: > 0 } unknown)
            errors["permissions"] = [$"Unknown permissions: {string.Join(", ", unknown)}. Known: {string.Join(", ", Permissions.All)}."];
        return errors;
    }

    private static ConflictProblem BuiltInRole(string name) => new("Built-in role", $"'{name}' is built in and cannot be changed.");

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex RoleName();
}
