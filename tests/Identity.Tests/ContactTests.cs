using System.Net;
using System.Text.Json;
using LocalDapr.Sidecar;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>
/// The contact details notifications reads by service invocation (<c>GET /api/users/{id}/contact</c>): only the
/// notifications app may, through its sidecar; the locale and channel preferences are the customer's own.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ContactTests(IdentityHosts hosts)
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Notifications_reads_the_locale_and_channels_the_customer_chose(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();
        using var me = host.AuthorizedHttp((await host.LoginAsync(email)).AccessToken);
        var userId = (await me.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString();
        await using var notifications = await SidecarOfAsync(host, "notifications");

        var fresh = await ContactAsync(notifications, userId!);
        fresh.GetProperty("communication").GetProperty("email").GetBoolean().Should().BeTrue("a new account takes email until the customer turns it off");
        fresh.GetProperty("communication").GetProperty("sms").GetBoolean().Should().BeFalse();

        (await me.PutAsJsonAsync("/api/users/me", new { name = "Ana", phone = "+34600111222", locale = "es", communication = new { email = false, sms = true, push = true } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var contact = await ContactAsync(notifications, userId!);
        contact.GetProperty("email").GetString().Should().Be(email);
        contact.GetProperty("phone").GetString().Should().Be("+34600111222");
        contact.GetProperty("locale").GetString().Should().Be("es");
        contact.GetProperty("communication").GetProperty("email").GetBoolean().Should().BeFalse();
        contact.GetProperty("communication").GetProperty("sms").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Another_app_and_an_unknown_user_get_nothing()
    {
        var host = hosts[TestDatabases.Sqlite];
        await using var gateway = await SidecarOfAsync(host, "gateway");
        await using var notifications = await SidecarOfAsync(host, "notifications");
        var email = await host.RegisterAsync();
        using var me = host.AuthorizedHttp((await host.LoginAsync(email)).AccessToken);
        var userId = (await me.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetString();

        (await InvokeAsync(gateway, userId!)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await InvokeAsync(notifications, Guid.CreateVersion7().ToString())).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_locale_that_is_no_language_tag_is_refused()
    {
        var host = hosts[TestDatabases.Sqlite];
        using var me = host.AuthorizedHttp((await host.LoginAsync(await host.RegisterAsync())).AccessToken);

        var response = await me.PutAsJsonAsync("/api/users/me", new { locale = "spanish please" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("locale", out _).Should().BeTrue();
    }

    private static async Task<CallerSidecar> SidecarOfAsync(IdentityHost host, string appId) =>
        new(await host.Service.Sidecar.Runtime.StartSidecarAsync(new SidecarOptions { AppId = appId, ResourcesPaths = [] }));

    private static async Task<JsonElement> ContactAsync(CallerSidecar caller, string userId)
    {
        using var response = await InvokeAsync(caller, userId);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> InvokeAsync(CallerSidecar caller, string userId)
    {
        using var http = new HttpClient { BaseAddress = caller.Sidecar.HttpEndpoint };
        return await http.GetAsync($"v1.0/invoke/identity/method/api/users/{userId}/contact");
    }

    /// <summary>Another app's sidecar (no app behind it): what identity sees is that app calling by service invocation.</summary>
    private sealed class CallerSidecar(LocalSidecar sidecar) : IAsyncDisposable
    {
        public LocalSidecar Sidecar { get; } = sidecar;

        public async ValueTask DisposeAsync() => await Sidecar.Runtime.StopSidecarAsync(Sidecar);
    }
}
