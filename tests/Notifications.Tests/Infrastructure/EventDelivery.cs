extern alias notifications;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Contracts;
using SpaceOfSport.TestSupport;
using NotificationsProgram = notifications::Program;

namespace SpaceOfSport.Notifications.Tests.Infrastructure;

public static class EventDelivery
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    /// <summary>
    /// Delivers <paramref name="integrationEvent"/> to the service's subscription <paramref name="route"/> as the sidecar
    /// would (a CloudEvent, straight to the app: subscription routes refuse service invocation): the answer comes once
    /// the service handled it.
    /// </summary>
    public static async Task<string> DeliverAsync<TEvent>(ServiceHost<NotificationsProgram> service, string route, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        var cloudEvent = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = IntegrationEvent.CloudEventType<TEvent>(),
            ["source"] = "tests",
            ["topic"] = IntegrationEvent.Topic<TEvent>(),
            ["pubsubname"] = DaprComponents.PubSub,
            ["datacontenttype"] = "application/json",
            ["data"] = JsonSerializer.SerializeToElement(integrationEvent, Json),
        };
        using var http = service.CreateHttpClient();
        using var content = new StringContent(JsonSerializer.Serialize(cloudEvent, Json), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await http.PostAsync(route, content);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"a delivery is answered 200 (got {(int)response.StatusCode}: {text})");
        return JsonDocument.Parse(text).RootElement.GetProperty("status").GetString()!;
    }
}
