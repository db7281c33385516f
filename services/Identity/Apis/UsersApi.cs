using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Data;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Outbox;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Identity.Auth;
using SpaceOfSport.Identity.Data;
using SpaceOfSport.Identity.Roles;
using SpaceOfSport.Identity.Users;

namespace SpaceOfSport.Identity.Apis;

public static class UsersApi
{
    /// <summary>The only app that may read a user's contact details: it sends the user's messages.</summary>
    public const string NotificationsAppId = "notifications";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapPost("/", RegisterAsync).AllowAnonymous().WithName("RegisterUser").WithSummary("Register a customer account");

        // Any valid access token: 401 (a problem document) without one.
        var me = users.MapGroup("/me").RequireAuthorization()
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [StatusProblem.ContentType]));
        me.MapGet("/", GetProfileAsync).WithName("GetProfile").WithSummary("The signed-in user's profile, addresses and roles");
        me.MapPut("/", UpdateProfileAsync).WithName("UpdateProfile").WithSummary("Change name, phone, communication and size preferences");
        me.MapDelete("/", DeleteAccountAsync).WithName("DeleteAccount").WithSummary("Erase the account and its personal data");
        me.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword").WithSummary("Change the password; every sign-in ends");
        me.MapGet("/addresses", ListAddressesAsync).WithName("ListAddresses").WithSummary("The signed-in user's addresses");
        me.MapPost("/addresses", AddAddressAsync).WithName("AddAddress").WithSummary("Add an address (the first is the default)");
        me.MapPut("/addresses/{addressId:guid}", UpdateAddressAsync).WithName("UpdateAddress").WithSummary("Change an address");
        me.MapDelete("/addresses/{addressId:guid}", DeleteAddressAsync).WithName("DeleteAddress").WithSummary("Delete an address");

        // Internal: notifications' sidecar calls it by service invocation (no user token: the message is the shop's).
        users.MapGet("/{userId:guid}/contact", GetContactAsync).AllowAnonymous().RequireCallerApp(NotificationsAppId)
            .WithName("GetUserContact").WithSummary("A user's email, phone, locale and channel preferences, for notifications only");
        return app;
    }

    public static async Task<Results<Created<UserProfile>, ValidationProblem, ConflictProblem>> RegisterAsync(
        RegisterUserRequest request, IdentityDbContext db, PasswordPolicy policy, UserPasswordHasher hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        UserValidation.Email(request.Email, errors);
        UserValidation.Profile(request.Name, request.Phone, sizes: null, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (policy.Check(request.Password, request.Email) is { } violation) return WeakPassword("password", violation);

        var email = request.Email!.Trim();
        var normalized = User.Normalize(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken)) return DuplicateEmail();

        var now = clock.GetUtcNow();
        // A new account takes email until the customer turns it off: order confirmations must reach someone.
        var user = new User
        {
            Email = email,
            NormalizedEmail = normalized,
            PasswordHash = hasher.Hash(request.Password!),
            Name = request.Name,
            Phone = request.Phone,
            Communication = new CommunicationPreferences { Email = true },
            CreatedAt = now,
        };
        user.Roles.Add(new UserRole { UserId = user.Id, RoleName = BuiltInRoles.Customer });
        db.Users.Add(user);
        db.AddIntegrationEvent(new UserRegistered { UserId = user.Id, Email = user.Email, Name = user.Name, OccurredAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Two registrations raced and the unique index decided.
            return DuplicateEmail();
        }
        return TypedResults.Created("/api/users/me", UserProfile.From(user));
    }

    public static async Task<Results<Ok<UserProfile>, NotFound>> GetProfileAsync(ClaimsPrincipal principal, IdentityDbContext db, CancellationToken cancellationToken) =>
        await LoadAsync(db, principal, cancellationToken) is { } user ? TypedResults.Ok(UserProfile.From(user)) : TypedResults.NotFound();

    public static async Task<Results<Ok<UserContact>, NotFound>> GetContactAsync(Guid userId, IdentityDbContext db, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user
            ? TypedResults.Ok(UserContact.From(user))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<UserProfile>, ValidationProblem, NotFound>> UpdateProfileAsync(
        UpdateProfileRequest request, ClaimsPrincipal principal, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        UserValidation.Profile(request.Name, request.Phone, request.Sizes, errors, request.Locale);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await LoadAsync(db, principal, cancellationToken) is not { } user) return TypedResults.NotFound();

        user.Name = request.Name;
        user.Phone = request.Phone;
        if (request.Locale is { } locale) user.Locale = locale;
        if (request.Communication is { } communication) user.Communication = new CommunicationPreferences { Email = communication.Email, Sms = communication.Sms, Push = communication.Push };
        if (request.Sizes is { } sizes) user.Sizes = new SizePreferences { Shoe = sizes.Shoe, Apparel = sizes.Apparel };
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(UserProfile.From(user));
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, IdentityDbContext db, PasswordPolicy policy, UserPasswordHasher hasher,
        RefreshTokenService refreshTokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, principal, cancellationToken) is not { } user) return TypedResults.NotFound();
        if (string.IsNullOrEmpty(request.CurrentPassword) || hasher.Verify(user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] });
        if (policy.Check(request.NewPassword, user.Email) is { } violation) return WeakPassword("newPassword", violation);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.PasswordHash = hasher.Hash(request.NewPassword!);
        db.AddIntegrationEvent(new UserPasswordChanged { UserId = user.Id, OccurredAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        // Every sign-in ends: whoever knew the old password loses their session too.
        await refreshTokens.RevokeAllAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Erases the account and its personal data (see README, "Account deletion").</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteAccountAsync(ClaimsPrincipal principal, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, principal, cancellationToken) is not { } user) return TypedResults.NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LoginFailures.Where(f => f.NormalizedEmail == user.NormalizedEmail).ExecuteDeleteAsync(cancellationToken);
        db.Users.Remove(user); // addresses, role grants and refresh tokens go with it (cascade)
        // The goodbye message needs an address identity no longer has once this commits (see README, "Account deletion").
        db.AddIntegrationEvent(new UserDeleted { UserId = user.Id, Email = user.Email, Name = user.Name, Locale = user.Locale, OccurredAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IReadOnlyList<AddressResponse>>, NotFound>> ListAddressesAsync(ClaimsPrincipal principal, IdentityDbContext db, CancellationToken cancellationToken) =>
        await LoadAsync(db, principal, cancellationToken) is { } user
            ? TypedResults.Ok<IReadOnlyList<AddressResponse>>([.. user.Addresses.OrderBy(a => a.Id).Select(AddressResponse.From)])
            : TypedResults.NotFound();

    public static async Task<Results<Created<AddressResponse>, ValidationProblem, NotFound>> AddAddressAsync(
        AddressRequest request, ClaimsPrincipal principal, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var errors = UserValidation.Address(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await LoadAsync(db, principal, cancellationToken) is not { } user) return TypedResults.NotFound();
        var address = new Address { UserId = user.Id, Recipient = "", Line1 = "", City = "", PostalCode = "", Country = "" };
        Apply(request, address);
        // The first address is the default for both until the user says otherwise.
        address.IsDefaultShipping |= !user.Addresses.Any(a => a.IsDefaultShipping);
        address.IsDefaultBilling |= !user.Addresses.Any(a => a.IsDefaultBilling);
        ClearOtherDefaults(user, address);
        user.Addresses.Add(address);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/users/me/addresses/{address.Id}", AddressResponse.From(address));
    }

    public static async Task<Results<Ok<AddressResponse>, ValidationProblem, NotFound>> UpdateAddressAsync(
        Guid addressId, AddressRequest request, ClaimsPrincipal principal, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var errors = UserValidation.Address(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await LoadAsync(db, principal, cancellationToken) is not { } user) return TypedResults.NotFound();
        if (user.Addresses.SingleOrDefault(a => a.Id == addressId) is not { } address) return TypedResults.NotFound();
        Apply(request, address);
        ClearOtherDefaults(user, address);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AddressResponse.From(address));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAddressAsync(Guid addressId, ClaimsPrincipal principal, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, principal, cancellationToken) is not { } user) return TypedResults.NotFound();
        if (user.Addresses.SingleOrDefault(a => a.Id == addressId) is not { } address) return TypedResults.NotFound();
        db.Addresses.Remove(address);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Apply(AddressRequest request, Address address)
    {
        address.Recipient = request.Recipient!.Trim();
        address.Line1 = request.Line1!.Trim();
        address.Line2 = request.Line2;
        address.City = request.City!.Trim();
        address.PostalCode = request.PostalCode!.Trim();
        address.Region = request.Region;
        address.Country = request.Country!;
        address.IsDefaultShipping = request.IsDefaultShipping;
        address.IsDefaultBilling = request.IsDefaultBilling;
    }

    private static void ClearOtherDefaults(User user, Address address)
    {
        foreach (var other in user.Addresses.Where(a => a.Id != address.Id))
        {
            if (address.IsDefaultShipping) other.IsDefaultShipping = false;
            if (address.IsDefaultBilling) other.IsDefaultBilling = false;
        }
    }

    private static Task<User?> LoadAsync(IdentityDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var id = CurrentUser.Id(principal);
        return db.Users.Include(u => u.Addresses).Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    /// <summary>400 naming the broken rule: in the field's errors and as the problem's <c>rule</c> extension.</summary>
    private static ValidationProblem WeakPassword(string field, PasswordRuleViolation violation) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [$"{violation.Rule}: {violation.Message}"] },
            title: "The password does not meet the password policy.",
            extensions: new Dictionary<string, object?> { ["rule"] = violation.Rule });

    private static ConflictProblem DuplicateEmail() => new("Email already registered", "An account with this email address exists.");
}
