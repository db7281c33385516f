using System.Text.Json;

namespace LocalDapr.Sidecar;

/// <summary>The body of <c>POST /v1.0/bindings/{name}</c>.</summary>
internal sealed record OutputBindingHttpRequest(JsonElement? Data, Dictionary<string, string>? Metadata, string? Operation);
