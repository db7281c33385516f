using System.Net;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>The critical actions identity announces for the audit ledger (issue #20): staff sign-ins and role permission changes.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AuditedActionsTests(IdentityHosts hosts)
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_sign_in_holding_a_permission_is_announced_but_a_customers_sign_in_and_a_refresh_are_not(string provider)
    {
        var host = hosts[provider];
        using var admin = host.AuthorizedHttp((await host.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword)).AccessToken);
        var email = await host.RegisterAsync();
        var asCustomer = await host.LoginAsync(email);
        using var customer = host.AuthorizedHttp(asCustomer.AccessToken);
        var userId = (await customer.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString();
        (await admin.PutAsJsonAsync($"/api/users/{userId}/roles", new { roles = new[] { "customer", "staff" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Auth.RefreshAsync(new() { RefreshToken = asCustomer.RefreshToken })).AccessToken.Should().NotBeEmpty();

        await host.LoginAsync(email);

        var signedIn = await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<StaffSignedIn>(), data => data.GetProperty("userId").GetString() == userId);
        signedIn.Data.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("customer", "staff");
        // The outbox publishes in commit order on one topic: an announcement of the earlier sign-in or refresh would have come first.
        host.Events.Received.Where(e => e.Type == IntegrationEvent.CloudEventType<StaffSignedIn>() && e.Data.GetProperty("userId").GetString() == userId)
            .Should().ContainSingle("only the sign-in holding staff's permissions is a critical action");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Creating_changing_and_deleting_a_role_announce_its_permissions_before_and_after_and_who_changed_them(string provider)
    {
        var host = hosts[provider];
        var adminToken = (await host.LoginAsync(IdentityHost.AdminEmail, IdentityHost.AdminPassword)).AccessToken;
        using var admin = host.AuthorizedHttp(adminToken);
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString();
        var role = $"auditors-{Guid.NewGuid():N}"[..24];

        (await admin.PostAsJsonAsync("/api/roles", new { name = role, permissions = new[] { Permissions.AuditRead } })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PutAsJsonAsync($"/api/roles/{role}", new { permissions = new[] { Permissions.ReportsRead, Permissions.AuditRead } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/roles/{role}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var type = IntegrationEvent.CloudEventType<RolePermissionsChanged>();
        var created = await host.Events.WaitForAsync(type, data => data.GetProperty("role").GetString() == role && data.GetProperty("change").GetString() == "created");
        var updated = await host.Events.WaitForAsync(type, data => data.GetProperty("role").GetString() == role && data.GetProperty("change").GetString() == "updated");
        var deleted = await host.Events.WaitForAsync(type, data => data.GetProperty("role").GetString() == role && data.GetProperty("change").GetString() == "deleted");
        PermissionsIn(created, "previousPermissions").Should().BeEmpty();
        PermissionsIn(created, "permissions").Should().Equal(Permissions.AuditRead);
        PermissionsIn(updated, "previousPermissions").Should().Equal(Permissions.AuditRead);
        PermissionsIn(updated, "permissions").Should().Equal(new[] { Permissions.AuditRead, Permissions.ReportsRead }.Order(StringComparer.Ordinal));
        PermissionsIn(deleted, "permissions").Should().BeEmpty();
        new[] { created, updated, deleted }.Select(e => e.Data.GetProperty("changedBy").GetString()).Should().AllBe(adminId);
    }

    private static IEnumerable<string?> PermissionsIn(ReceivedEvent received, string property) =>
        received.Data.GetProperty(property).EnumerateArray().Select(p => p.GetString());
}
