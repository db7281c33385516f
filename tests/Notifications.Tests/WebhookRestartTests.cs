extern alias notifications;
using System.Net.Http.Headers;
using System.Text.Json;
using LocalDapr;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Notifications.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using NotificationsProgram = notifications::Program;

namespace SpaceOfSport.Notifications.Tests;

/// <summary>Partner webhook deliveries are kept in the state store: a service stopped mid-retry carries on when started again.</summary>
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task A_delivery_waiting_for_its_retry_goes_out_after_the_service_restarts()
    {
        await using var runtime = LocalDaprRuntime.Create();
        var components = await TestComponents.CreateFolderAsync("notifications-webhooks-restart",
            TestComponents.InMemoryPubSub,
            """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: hub-pubsub
            spec:
              type: pubsub.in-memory
              version: v1
            """,
            TestComponents.SqliteStateStore(Path.Combine(Path.GetTempPath(), $"notifications-webhooks-restart-{Guid.NewGuid():N}.db")));
        await using var partners = await PartnerSimulator.StartAsync();
        await using var identity = await TestIdentity.StartAsync(runtime, [components]);
        var partner = partners.NewPartner();
        partner.Status = StatusCodes.Status503ServiceUnavailable;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var endpointId = Guid.Empty;
        var paid = new OrderPaid { OrderId = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), TotalMinor = 4_200, Currency = "EUR" };
        await using (var before = await StartAsync(runtime, components, clock))
        {
            using var staff = Staff(before, identity);
            using var created = await staff.PostAsJsonAsync("/api/webhooks/endpoints", new { url = partner.Url, eventTypes = new[] { "order.paid" } });
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            partner.Secret = body.GetProperty("secret").GetString();
            endpointId = body.GetProperty("endpoint").GetProperty("id").GetGuid();
            using var dapr = before.CreateDaprClient();
            await dapr.PublishIntegrationEventAsync(paid, CancellationToken.None);
            await Eventually.UntilAsync(() => !partner.Received.IsEmpty, "the first attempt", TimeSpan.FromSeconds(60));
            await Eventually.UntilAsync(async () => (await staff.GetFromJsonAsync<JsonElement>($"/api/webhooks/endpoints/{endpointId}/deliveries/{paid.Id}"))
                .GetProperty("attemptCount").GetInt32() == 1, "the failed attempt to be recorded", TimeSpan.FromSeconds(60));
        }

        partner.Status = StatusCodes.Status200OK;
        clock.Advance(TimeSpan.FromSeconds(6));
        await using var after = await StartAsync(runtime, components, clock);
        using var staffAfter = Staff(after, identity);

        var delivery = await Eventually.ReturnsAsync(() => staffAfter.GetFromJsonAsync<JsonElement>($"/api/webhooks/endpoints/{endpointId}/deliveries/{paid.Id}"),
            d => d.GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(60));
        delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).Should().Equal(503, 200);
        partner.Received.Last().VerifiedIndependently.Should().BeTrue();
    }

    private static Task<ServiceHost<NotificationsProgram>> StartAsync(LocalDaprRuntime runtime, string components, FakeTimeProvider clock) =>
        ServiceHost<NotificationsProgram>.StartAsync(runtime, "notifications", [components], new Dictionary<string, string?>
        {
            ["Webhooks:DevelopmentHosts:0"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
        }, configure: web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        }));

    private static HttpClient Staff(ServiceHost<NotificationsProgram> service, TestIdentity identity)
    {
        var http = service.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", identity.IssueToken(Guid.CreateVersion7().ToString(), permissions: [Permissions.WebhooksManage]));
        return http;
    }
}
