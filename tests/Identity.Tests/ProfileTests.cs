using System.Net;
using System.Text.Json;
using Grpc.Core;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Identity.V1;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>The signed-in user's profile, addresses, password and account deletion (<c>/api/users/me</c>).</summary>
[Collection(IdentityCollection.Name)]
public sealed class ProfileTests(IdentityHosts hosts)
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_profile_is_read_and_replaced(string provider)
    {
        var host = hosts[provider];
        using var me = await SignedInAsync(host);

        var update = await me.PutAsJsonAsync("/api/users/me", new
        {
            name = "Grace Hopper",
            phone = "+14155550123",
            communication = new { email = true, sms = false, push = true },
            sizes = new { shoe = "EU 42", apparel = "M" },
        });
        update.StatusCode.Should().Be(HttpStatusCode.OK);

        var profile = await me.GetFromJsonAsync<JsonElement>("/api/users/me");
        profile.GetProperty("name").GetString().Should().Be("Grace Hopper");
        profile.GetProperty("phone").GetString().Should().Be("+14155550123");
        profile.GetProperty("communication").GetProperty("push").GetBoolean().Should().BeTrue();
        profile.GetProperty("communication").GetProperty("sms").GetBoolean().Should().BeFalse();
        profile.GetProperty("sizes").GetProperty("shoe").GetString().Should().Be("EU 42");

        (await me.PutAsJsonAsync("/api/users/me", new { phone = "004915112345678" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_a_token_the_profile_is_a_401()
    {
        (await hosts[TestDatabases.Sqlite].Http.GetAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Addresses_are_added_changed_and_removed_with_one_default_each(string provider)
    {
        var host = hosts[provider];
        using var me = await SignedInAsync(host);

        var home = await AddAsync(me, "Home", defaults: false);
        home.GetProperty("isDefaultShipping").GetBoolean().Should().BeTrue("the first address is the default");
        home.GetProperty("isDefaultBilling").GetBoolean().Should().BeTrue();
        var office = await AddAsync(me, "Office", defaults: true);
        var homeId = home.GetProperty("id").GetString();
        var officeId = office.GetProperty("id").GetString();

        var addresses = await me.GetFromJsonAsync<JsonElement[]>("/api/users/me/addresses");
        addresses.Should().HaveCount(2);
        addresses!.Single(a => a.GetProperty("id").GetString() == homeId).GetProperty("isDefaultShipping").GetBoolean().Should().BeFalse();

        var change = await me.PutAsJsonAsync($"/api/users/me/addresses/{homeId}", Address("Home, new", shipping: true, billing: false));
        change.StatusCode.Should().Be(HttpStatusCode.OK);
        addresses = await me.GetFromJsonAsync<JsonElement[]>("/api/users/me/addresses");
        addresses!.Single(a => a.GetProperty("id").GetString() == homeId).GetProperty("recipient").GetString().Should().Be("Home, new");
        addresses!.Single(a => a.GetProperty("id").GetString() == officeId).GetProperty("isDefaultShipping").GetBoolean().Should().BeFalse();
        addresses!.Single(a => a.GetProperty("id").GetString() == officeId).GetProperty("isDefaultBilling").GetBoolean().Should().BeTrue();

        (await me.DeleteAsync($"/api/users/me/addresses/{officeId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await me.GetFromJsonAsync<JsonElement[]>("/api/users/me/addresses")).Should().HaveCount(1);
        (await me.DeleteAsync($"/api/users/me/addresses/{officeId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var invalid = await me.PostAsJsonAsync("/api/users/me/addresses", new { recipient = "", country = "Germany" });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("country", out _).Should().BeTrue();
        errors.TryGetProperty("recipient", out _).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Changing_the_password_ends_every_sign_in(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();
        var tokens = await host.LoginAsync(email);
        using var me = host.AuthorizedHttp(tokens.AccessToken);

        (await me.PostAsJsonAsync("/api/users/me/password", new { currentPassword = "wrong", newPassword = "a brand new passphrase" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var weak = await me.PostAsJsonAsync("/api/users/me/password", new { currentPassword = IdentityHost.GoodPassword, newPassword = "password123456" });
        (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString().Should().Be("common-password");

        (await me.PostAsJsonAsync("/api/users/me/password", new { currentPassword = IdentityHost.GoodPassword, newPassword = "a brand new passphrase" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        var refresh = async () => await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = tokens.RefreshToken });
        (await refresh.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        (await host.LoginAsync(email, "a brand new passphrase")).AccessToken.Should().NotBeEmpty();
        await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<UserPasswordChanged>(), _ => true);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deleting_the_account_erases_it(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();
        var tokens = await host.LoginAsync(email);
        using var me = host.AuthorizedHttp(tokens.AccessToken);
        await AddAsync(me, "Home", defaults: true);
        var userId = (await me.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString();

        (await me.DeleteAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await me.GetAsync("/api/users/me")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var login = async () => await host.LoginAsync(email);
        (await login.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        var refresh = async () => await host.Auth.RefreshAsync(new RefreshRequest { RefreshToken = tokens.RefreshToken });
        (await refresh.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
        // The event carries the one copy of the address left, for the goodbye message.
        await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<UserDeleted>(),
            data => data.GetProperty("userId").GetString() == userId && data.GetProperty("email").GetString() == email);
        // The email is free again.
        await host.RegisterAsync(email);
    }

    private static async Task<HttpClient> SignedInAsync(IdentityHost host) =>
        host.AuthorizedHttp((await host.LoginAsync(await host.RegisterAsync())).AccessToken);

    private static object Address(string recipient, bool shipping, bool billing) => new
    {
        recipient,
        line1 = "Hauptstraße 1",
        city = "Berlin",
        postalCode = "10115",
        country = "DE",
        isDefaultShipping = shipping,
        isDefaultBilling = billing,
    };

    private static async Task<JsonElement> AddAsync(HttpClient me, string recipient, bool defaults)
    {
        var response = await me.PostAsJsonAsync("/api/users/me/addresses", Address(recipient, defaults, defaults));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
