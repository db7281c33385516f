using System.Text.Json;
using SpaceOfSport.BuildingBlocks.Json;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// One JSON shape for HTTP APIs and Dapr payloads alike: web defaults (camelCase, case-insensitive reads), enums as
/// their defined names (an undefined value is refused: <see cref="DefinedEnumConverterFactory"/>) and no control
/// characters but tabs and line breaks in any string (<see cref="ControlCharacterGuard"/>), so a contract reads the
/// same in every language behind a sidecar and bad values stop at the door.
/// </summary>
public static class JsonConventions
{
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new DefinedEnumConverterFactory());
        options.Converters.Add(new ControlCharacterGuard());
        return options;
    }

    public static JsonSerializerOptions Create() => Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
