using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace LocalDapr.PubSub;

/// <summary>
/// A CloudEvent as daprd hands it to a gRPC app's <c>AppCallback.OnTopicEvent</c> (dapr/dapr pkg/runtime/pubsub,
/// GRPCEnvelopeFromSubscriptionMessage): the core attributes as fields, <c>data_base64</c> decoded, string data as its
/// text, JSON data as JSON, and every other attribute in <c>extensions</c>.
/// </summary>
internal static class GrpcTopicEvent
{
    private static readonly HashSet<string> CoreAttributes = ["id", "source", "datacontenttype", "type", "specversion", "data", "data_base64"];

    /// <summary>Builds the request; throws <see cref="FormatException"/> when <c>data_base64</c> is not base64 (daprd retries those).</summary>
    public static TopicEventRequest Create(JsonObject cloudEvent, string topic, string pubsubName, string path)
    {
        var contentType = Text(cloudEvent, "datacontenttype");
        var request = new TopicEventRequest
        {
            Id = Text(cloudEvent, "id"),
            Source = Text(cloudEvent, "source"),
            Type = Text(cloudEvent, "type"),
            SpecVersion = Text(cloudEvent, "specversion"),
            DataContentType = contentType,
            Topic = topic,
            PubsubName = pubsubName,
            Path = path,
            Data = ByteString.CopyFrom(Data(cloudEvent, contentType)),
        };

        var extensions = new JsonObject();
        foreach (var (name, value) in cloudEvent)
        {
            if (!CoreAttributes.Contains(name)) extensions[name] = value?.DeepClone();
        }

        request.Extensions = Struct.Parser.ParseJson(extensions.ToJsonString());
        return request;
    }

    private static byte[] Data(JsonObject cloudEvent, string contentType)
    {
        if (cloudEvent["data_base64"] is JsonValue base64 && base64.TryGetValue<string>(out var encoded))
            return Convert.FromBase64String(encoded);
        if (cloudEvent["data"] is not { } data) return [];
        if (IsString(contentType))
            return data is JsonValue text && text.TryGetValue<string>(out var value) ? Encoding.UTF8.GetBytes(value) : Encoding.UTF8.GetBytes(data.ToJsonString());
        // JSON and CloudEvent content (and none given, which publishers mean as JSON) travel as their JSON text.
        return JsonSerializer.SerializeToUtf8Bytes(data);
    }

    private static bool IsString(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase);
    }

    private static string Text(JsonObject cloudEvent, string name) =>
        cloudEvent[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
