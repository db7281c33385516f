using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>Roles and grants, admin only; the first admin from the bootstrap secret.</summary>
[Collection(IdentityCollection.Name)]
public sealed class RolesTests(IdentityHosts hosts)
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_bootstrap_admin_holds_every_permission_and_sees_the_built_in_roles(string provider)
    {
        var host = hosts[provider];
        var admin = await host.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword);

        new JsonWebToken(admin.AccessToken).Claims.Where(c => c.Type == TokenConventions.PermissionClaim).Select(c => c.Value)
            .Should().BeEquivalentTo(Permissions.All);
        using var http = host.AuthorizedHttp(admin.AccessToken);
        var roles = await http.GetFromJsonAsync<JsonElement[]>("/api/roles");
        roles!.Select(r => r.GetProperty("name").GetString()).Should().Contain(["admin", "customer", "merchandiser", "staff"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_customer_on_an_admin_endpoint_is_forbidden(string provider)
    {
        var host = hosts[provider];
        using var customer = host.AuthorizedHttp((await host.LoginAsync(await host.RegisterAsync())).AccessToken);

        (await customer.GetAsync("/api/roles")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await customer.PostAsJsonAsync("/api/roles", new { name = "x", permissions = Array.Empty<string>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await customer.PostAsync("/api/keys/rotate", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_custom_role_granted_by_an_admin_reaches_the_next_token(string provider)
    {
        var host = hosts[provider];
        using var admin = host.AuthorizedHttp((await host.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword)).AccessToken);
        var roleName = $"auditor-{Guid.NewGuid():N}"[..20];
        var create = await admin.PostAsJsonAsync("/api/roles", new { name = roleName, description = "Reads the audit log", permissions = new[] { Permissions.AuditRead } });
        create.StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/roles", new { name = roleName, permissions = Array.Empty<string>() })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await admin.PostAsJsonAsync("/api/roles", new { name = "bad-one", permissions = new[] { "everything:please" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.PutAsJsonAsync("/api/roles/admin", new { permissions = Array.Empty<string>() })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var email = await host.RegisterAsync();
        using var user = host.AuthorizedHttp((await host.LoginAsync(email)).AccessToken);
        var userId = (await user.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString();
        var grant = await admin.PutAsJsonAsync($"/api/users/{userId}/roles", new { roles = new[] { "customer", roleName } });
        grant.StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<string[]>($"/api/users/{userId}/roles")).Should().Equal(new[] { "customer", roleName }.Order(StringComparer.Ordinal));
        (await admin.PutAsJsonAsync($"/api/users/{userId}/roles", new { roles = new[] { "no-such-role" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var token = new JsonWebToken((await host.LoginAsync(email)).AccessToken);
        token.Claims.Where(c => c.Type == TokenConventions.RoleClaim).Select(c => c.Value).Should().BeEquivalentTo(["customer", roleName]);
        token.Claims.Where(c => c.Type == TokenConventions.PermissionClaim).Select(c => c.Value).Should().Equal(Permissions.AuditRead);
        await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<UserRolesChanged>(), data => data.GetProperty("userId").GetString() == userId);

        (await admin.DeleteAsync($"/api/roles/{roleName}")).StatusCode.Should().Be(HttpStatusCode.Conflict, "a user holds it");
    }
}
