using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// One JSON shape for HTTP APIs and Dapr payloads alike: web defaults (camelCase, case-insensitive reads) and enums
/// as strings, so a contract reads the same in every language behind a sidecar.
/// </summary>
public static class JsonConventions
{
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    public static JsonSerializerOptions Create() => Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
