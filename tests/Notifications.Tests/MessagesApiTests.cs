using System.Net;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Notifications.Tests.Infrastructure;

namespace SpaceOfSport.Notifications.Tests;

/// <summary>The shop's other services send their own email and SMS (<c>POST /api/email</c>, <c>/api/sms</c>); nobody else may.</summary>
[Collection(MessagesCollection.Name)]
public sealed class MessagesApiTests(MessagesHost host)
{
    [Fact]
    public async Task Another_service_sends_an_email_and_an_SMS_through_the_bindings()
    {
        using var http = AsApp("ordering");
        var user = Guid.CreateVersion7();

        var email = await http.PostAsJsonAsync("/api/email", new { to = $"{user:N}@example.test", subject = "Invoice <1>", text = "Your invoice is attached." });
        email.StatusCode.Should().Be(HttpStatusCode.OK, await email.Content.ReadAsStringAsync());
        var sms = await http.PostAsJsonAsync("/api/sms", new { to = MessagesHost.PhoneOf(user), text = new string('a', 170) });
        sms.StatusCode.Should().Be(HttpStatusCode.OK);

        var sent = host.EmailsTo(user).Should().ContainSingle().Subject;
        sent.Subject.Should().Be("Invoice <1>");
        sent.TextBody.Should().Contain("Your invoice is attached.");
        host.SmsTo(MessagesHost.PhoneOf(user)).Should().ContainSingle().Which.GetProperty("parts").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Bad_fields_are_named_and_an_unknown_caller_is_refused()
    {
        using var http = AsApp("ordering");
        var bad = await http.PostAsJsonAsync("/api/sms", new { to = "0049151", text = "" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("to", out _).Should().BeTrue();
        errors.TryGetProperty("text", out _).Should().BeTrue();

        using var stranger = AsApp("gateway");
        (await stranger.PostAsJsonAsync("/api/email", new { to = "a@example.test", subject = "s", text = "t" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>As the app's sidecar calls notifications (no app API token in tests: a loopback caller's app id is believed).</summary>
    private HttpClient AsApp(string appId)
    {
        var http = host.Service.CreateHttpClient();
        http.DefaultRequestHeaders.Add(DaprSidecar.CallerAppIdHeader, appId);
        return http;
    }
}
