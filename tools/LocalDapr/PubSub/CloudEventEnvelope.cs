using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalDapr.PubSub;

/// <summary>
/// Wraps published data in a CloudEvents 1.0 envelope as daprd does
/// (https://docs.dapr.io/developing-applications/building-blocks/pubsub/pubsub-cloudevents/).
/// </summary>
public static class CloudEventEnvelope
{
    public const string ContentType = "application/cloudevents+json";

    /// <summary>Builds the envelope bytes for a publish request; <c>rawPayload=true</c> metadata sends the data as is.</summary>
    public static byte[] Create(
        ReadOnlySpan<byte> data, string? dataContentType, string topic, string pubsubName, string sourceAppId,
        IReadOnlyDictionary<string, string> metadata, DateTimeOffset now, string? traceParent)
    {
        if (metadata.TryGetValue("rawPayload", out var raw) && bool.TryParse(raw, out var isRaw) && isRaw) return data.ToArray();

        dataContentType = string.IsNullOrEmpty(dataContentType) ? "text/plain" : dataContentType;
        JsonObject envelope;
        if (dataContentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            // The publisher sent its own CloudEvent: keep it, fill what is missing, overwrite the routing fields.
            envelope = JsonNode.Parse(data) as JsonObject
                ?? throw new JsonException("the published CloudEvent is not a JSON object");
            envelope.TryAdd("id", Guid.NewGuid().ToString());
            envelope.TryAdd("specversion", "1.0");
            envelope.TryAdd("source", sourceAppId);
            envelope.TryAdd("type", "com.dapr.event.sent");
            envelope.TryAdd("datacontenttype", "application/json");
        }
        else
        {
            envelope = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["specversion"] = "1.0",
                ["source"] = sourceAppId,
                ["type"] = "com.dapr.event.sent",
                ["datacontenttype"] = dataContentType,
            };
            if (IsJson(dataContentType))
                envelope["data"] = JsonNode.Parse(data);
            else if (dataContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || dataContentType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) || dataContentType == "application/xml")
                envelope["data"] = Encoding.UTF8.GetString(data);
            else
                envelope["data_base64"] = Convert.ToBase64String(data);
        }

        // Overrides a publisher may ask for through metadata, as daprd allows.
        foreach (var field in new[] { "id", "source", "type", "traceparent", "tracestate", "subject" })
        {
            if (metadata.TryGetValue("cloudevent." + field, out var value)) envelope[field] = value;
        }

        envelope["topic"] = topic;
        envelope["pubsubname"] = pubsubName;
        envelope["time"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var trace = metadata.GetValueOrDefault("cloudevent.traceparent") ?? traceParent ?? NewTraceParent();
        envelope["traceparent"] = trace;
        envelope["traceid"] = trace;
        envelope.TryAdd("tracestate", "");
        if (metadata.TryGetValue("ttlInSeconds", out var ttlText) && int.TryParse(ttlText, out var ttl))
            envelope["expiration"] = now.AddSeconds(ttl).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    /// <summary>
    /// The envelope a subscriber builds around a message that is not a CloudEvent (daprd's <c>FromRawPayload</c>):
    /// the bytes go as <c>data_base64</c>, since their content type is unknown.
    /// </summary>
    public static JsonObject FromRawPayload(ReadOnlySpan<byte> data, string topic, string pubsubName) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["specversion"] = "1.0",
        ["source"] = "Dapr",
        ["type"] = "com.dapr.event.sent",
        ["datacontenttype"] = "application/octet-stream",
        ["topic"] = topic,
        ["pubsubname"] = pubsubName,
        ["data_base64"] = Convert.ToBase64String(data),
    };

    public static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
        (contentType.Contains("+json", StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase));

    private static string NewTraceParent() =>
        $"00-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8])}-01";
}
