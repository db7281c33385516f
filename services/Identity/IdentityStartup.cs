using System.Text.Json;
using Dapr;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Identity.Data;
using SpaceOfSport.Identity.Keys;
using SpaceOfSport.Identity.Roles;
using SpaceOfSport.Identity.Users;

namespace SpaceOfSport.Identity;

/// <summary>Before the first request, once the database is migrated: built-in roles, signing keys, and the first admin.</summary>
public static partial class IdentityStartup
{
    public const string BootstrapAdminSecret = "identity-bootstrap-admin";

    public static async Task InitializeIdentityAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IdentityDbContext>();
        await SeedBuiltInRolesAsync(db);
        await services.GetRequiredService<SigningKeyRing>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await BootstrapAdminAsync(db, services.GetRequiredService<DaprClient>(), services.GetRequiredService<UserPasswordHasher>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityStartup)));
    }

    private static async Task SeedBuiltInRolesAsync(IdentityDbContext db)
    {
        var existing = await db.Roles.ToDictionaryAsync(r => r.Name);
        foreach (var role in BuiltInRoles.All)
        {
            if (existing.TryGetValue(role.Name, out var stored))
            {
                stored.Permissions = [.. role.Permissions];
                stored.Description = role.Description;
                stored.IsBuiltIn = true;
            }
            else
            {
                db.Roles.Add(new Role { Name = role.Name, Description = role.Description, Permissions = [.. role.Permissions], IsBuiltIn = true });
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// While no user is an admin: the secret <c>identity-bootstrap-admin</c> (JSON <c>{"email":..,"password":..}</c>)
    /// names the first one, created if needed. Once an admin exists the secret is ignored.
    /// </summary>
    private static async Task BootstrapAdminAsync(IdentityDbContext db, DaprClient dapr, UserPasswordHasher hasher, TimeProvider clock, ILogger logger)
    {
        if (await db.UserRoles.AnyAsync(r => r.RoleName == BuiltInRoles.Admin)) return;
        BootstrapAdmin? admin;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var secret = await dapr.GetSecretAsync(DaprComponents.SecretStore, BootstrapAdminSecret, cancellationToken: timeout.Token);
            admin = secret.Values.FirstOrDefault() is { Length: > 0 } json ? JsonSerializer.Deserialize<BootstrapAdmin>(json, JsonSerializerOptions.Web) : null;
        }
        catch (Exception exception) when (exception is DaprException or OperationCanceledException)
        {
            admin = null;
        }
        if (admin is not { Email.Length: > 0, Password.Length: > 0 })
        {
            LogNoBootstrapAdmin(logger, BootstrapAdminSecret);
            return;
        }

        var normalized = User.Normalize(admin.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null)
        {
            user = new User
            {
                Email = admin.Email.Trim(),
                NormalizedEmail = normalized,
                PasswordHash = hasher.Hash(admin.Password),
                Name = "Administrator",
                CreatedAt = clock.GetUtcNow(),
            };
            db.Users.Add(user);
        }
        db.UserRoles.Add(new UserRole { UserId = user.Id, RoleName = BuiltInRoles.Admin });
        await db.SaveChangesAsync();
        LogBootstrapAdmin(logger, user.Id);
    }

    private sealed record BootstrapAdmin(string? Email, string? Password);

    [LoggerMessage(LogLevel.Warning, "No admin yet and no secret {Secret}: roles can only be managed once an admin exists")]
    private static partial void LogNoBootstrapAdmin(ILogger logger, string secret);

    [LoggerMessage(LogLevel.Information, "First admin {UserId} created from the bootstrap secret")]
    private static partial void LogBootstrapAdmin(ILogger logger, Guid userId);
}
