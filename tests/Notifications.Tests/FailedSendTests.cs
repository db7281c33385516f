extern alias notifications;
using System.Text.Json;
using LocalDapr;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Notifications.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using NotificationsProgram = notifications::Program;

namespace SpaceOfSport.Notifications.Tests;

/// <summary>
/// Email through <c>bindings.smtp</c> to a mail server that is down, then up: a failed send asks for redelivery and is
/// logged as retrying, fails for good after the last attempt (visible, not dropped), and goes out once the server is back.
/// </summary>
public sealed class FailedSendTests : IAsyncLifetime
{
    private const string Route = "/events/identity/user-password-changed";
    private readonly LocalDaprRuntime _runtime = LocalDaprRuntime.Create();
    private readonly FakeSmtpServer _smtp = new();
    private ServiceHost<NotificationsProgram> _service = null!;
    private TestIdentity _identity = null!;

    public async Task InitializeAsync()
    {
        var components = await TestComponents.CreateFolderAsync("notifications-smtp",
            TestComponents.InMemoryPubSub,
            TestComponents.SqliteStateStore(Path.Combine(Path.GetTempPath(), $"notifications-smtp-{Guid.NewGuid():N}.db")),
            $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {DaprComponents.Email}
            spec:
              type: bindings.smtp
              version: v1
              metadata:
                - name: host
                  value: "127.0.0.1"
                - name: port
                  value: "{_smtp.Port}"
            """);
        _identity = await TestIdentity.StartAsync(_runtime, [components]);
        _service = await ServiceHost<NotificationsProgram>.StartAsync(_runtime, "notifications", [components], new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
        });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _identity.DisposeAsync();
        await _runtime.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_send_that_keeps_failing_is_retried_then_failed_for_good_and_a_later_one_goes_out_when_the_server_is_back()
    {
        var user = Guid.CreateVersion7();
        _identity.Contacts[user] = new { userId = user, email = $"{user:N}@example.test", name = "Ana", communication = new { email = true, sms = false, push = false } };
        var first = new UserPasswordChanged { UserId = user };

        (await EventDelivery.DeliverAsync(_service, Route, first)).Should().Be("RETRY", "the mail server is down");
        (await LogAsync(user)).Single().Should().Be(("retrying", 1, true));

        (await EventDelivery.DeliverAsync(_service, Route, first)).Should().Be("SUCCESS", "the last attempt failed: the event is done, the failure logged");
        (await LogAsync(user)).Single().Should().Be(("failed", 2, true));
        (await EventDelivery.DeliverAsync(_service, Route, first)).Should().Be("SUCCESS");
        (await LogAsync(user)).Single().Attempts.Should().Be(2, "a failed delivery is not tried again");

        _smtp.Start();
        var second = new UserPasswordChanged { UserId = user };
        (await EventDelivery.DeliverAsync(_service, Route, second)).Should().Be("SUCCESS");

        _smtp.Messages.Should().ContainSingle().Which.Should().Contain("Subject: Your password was changed").And.Contain($"{user:N}@example.test");
        (await LogAsync(user)).Select(d => d.Status).Should().BeEquivalentTo(["failed", "sent"]);
    }

    private async Task<IReadOnlyList<(string Status, int Attempts, bool HasError)>> LogAsync(Guid user)
    {
        using var staff = _service.CreateHttpClient();
        staff.DefaultRequestHeaders.Authorization = new("Bearer", _identity.IssueToken(Guid.CreateVersion7().ToString(), permissions: [Permissions.NotificationsRead]));
        var log = await staff.GetFromJsonAsync<JsonElement>($"/api/deliveries?userId={user}");
        return [.. log.EnumerateArray().Select(d => (d.GetProperty("status").GetString()!, d.GetProperty("attempts").GetInt32(), d.GetProperty("error").ValueKind == JsonValueKind.String))];
    }
}
