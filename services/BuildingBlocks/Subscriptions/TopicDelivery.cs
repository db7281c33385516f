using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SpaceOfSport.BuildingBlocks.Subscriptions;

/// <summary>
/// Reading a pub/sub delivery and answering it as Dapr expects
/// (https://docs.dapr.io/reference/api/pubsub_api/#expected-http-response): 200 with status SUCCESS (done, or nothing
/// to do), DROP (malformed: redelivering cannot fix it) or RETRY (a dependency failed: try again later). Never an error
/// status for a bad payload, which Dapr would retry like RETRY although it can never succeed.
/// </summary>
public static partial class TopicDelivery
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static Ok<DeliveryStatus> Success { get; } = Status("SUCCESS");

    public static Ok<DeliveryStatus> Retry { get; } = Status("RETRY");

    /// <summary>
    /// The event in the body (CloudEvents already unwrapped by the service defaults), or the reason it is unreadable.
    /// Read by hand rather than bound: a binding failure would answer 400.
    /// </summary>
    public static async Task<(TEvent? Event, string? Problem)> ReadAsync<TEvent>(HttpRequest request, CancellationToken cancellationToken)
        where TEvent : class
    {
        try
        {
            var message = await JsonSerializer.DeserializeAsync<TEvent>(request.Body, Json, cancellationToken);
            return message is null ? (null, "the body is null") : (message, null);
        }
        catch (JsonException exception)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>Logs why a malformed event of <paramref name="eventType"/> is dropped, and answers DROP.</summary>
    public static Ok<DeliveryStatus> Drop(ILogger logger, string eventType, string field, string detail)
    {
        LogDropped(logger, eventType, field, detail);
        return Status("DROP");
    }

    private static Ok<DeliveryStatus> Status(string status) => TypedResults.Ok(new DeliveryStatus(status));

    [LoggerMessage(LogLevel.Warning, "Dropped a malformed {EventType} event: {Field}: {Detail}")]
    private static partial void LogDropped(ILogger logger, string eventType, string field, string detail);
}

/// <summary>The body Dapr reads from a subscriber's 200: SUCCESS, RETRY or DROP.</summary>
public sealed record DeliveryStatus(string Status);
