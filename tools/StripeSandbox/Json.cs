using System.Text.Json.Nodes;

namespace StripeSandbox;

internal static class Json
{
    public static JsonObject Metadata(Dictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata) json[key] = value;
        return json;
    }
}
