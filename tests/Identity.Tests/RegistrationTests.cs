using System.Net;
using System.Text.Json;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Identity.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests;

/// <summary>Registration: NIST SP 800-63B password rules (length and a common-password list), unique emails regardless of case.</summary>
[Collection(IdentityCollection.Name)]
public sealed class RegistrationTests(IdentityHosts hosts)
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Registration_creates_a_customer_and_publishes_user_registered(string provider)
    {
        var host = hosts[provider];
        var email = IdentityHost.NewEmail();

        var response = await host.Http.PostAsJsonAsync("/api/users", new { email, password = IdentityHost.GoodPassword, name = "Ada", phone = "+4915112345678" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be("/api/users/me");
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        profile.GetProperty("email").GetString().Should().Be(email);
        profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("customer");
        var userId = profile.GetProperty("id").GetString();
        await host.Events.WaitForAsync(IntegrationEvent.CloudEventType<UserRegistered>(), data => data.GetProperty("userId").GetString() == userId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_same_email_in_another_case_is_a_409(string provider)
    {
        var host = hosts[provider];
        var email = await host.RegisterAsync();

        var response = await host.Http.PostAsJsonAsync("/api/users", new { email = email.ToUpperInvariant(), password = IdentityHost.GoodPassword });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData(TestDatabases.Sqlite, "short-pass1", "min-length")]
    [InlineData(TestDatabases.Sqlite, "password1234", "common-password")]
    [InlineData(TestDatabases.Sqlite, "Qwertyuiop123", "common-password")]
    [InlineData(TestDatabases.Postgres, "1q2w3e4r5t6y", "common-password")]
    [InlineData(TestDatabases.Postgres, "", "min-length")]
    [InlineData(TestDatabases.Sqlite, "            ", "only-whitespace")]
    [InlineData(TestDatabases.Postgres, "\t \u00a0\u3000\u2003      \n  ", "only-whitespace")]
    [InlineData(TestDatabases.Sqlite, "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12\uff13\uff14", "common-password")]
    public async Task A_weak_password_is_a_400_naming_the_rule(string provider, string password, string rule)
    {
        var host = hosts[provider];

        var response = await host.Http.PostAsJsonAsync("/api/users", new { email = IdentityHost.NewEmail(), password });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("rule").GetString().Should().Be(rule);
        problem.GetProperty("errors").GetProperty("password")[0].GetString().Should().StartWith(rule);
    }

    [Fact]
    public async Task A_long_passphrase_without_digits_or_symbols_is_accepted()
    {
        var response = await hosts[TestDatabases.Sqlite].Http.PostAsJsonAsync("/api/users",
            new { email = IdentityHost.NewEmail(), password = "all lowercase words are fine" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Bad_fields_are_a_validation_problem_naming_each()
    {
        var response = await hosts[TestDatabases.Sqlite].Http.PostAsJsonAsync("/api/users",
            new { email = "not-an-email", password = IdentityHost.GoodPassword, phone = "0151 123" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("email", out _).Should().BeTrue();
        errors.TryGetProperty("phone", out _).Should().BeTrue();
    }
}
