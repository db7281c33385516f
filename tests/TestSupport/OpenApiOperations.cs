using System.Text.Json.Nodes;

namespace SpaceOfSport.TestSupport;

/// <summary>One operation of a service's OpenAPI document: its name, summary and the responses it lists (status → media types).</summary>
public sealed record OpenApiOperation(string Method, string Path, string? OperationId, string? Summary, IReadOnlyDictionary<string, IReadOnlyList<string>> Responses);

/// <summary>Reads a service's <c>/openapi/v1.json</c> into its operations, for tests that hold the document to what the handlers answer.</summary>
public static class OpenApiOperations
{
    public const string ProblemJson = "application/problem+json";

    public static async Task<IReadOnlyList<OpenApiOperation>> LoadAsync(HttpClient client, string documentPath = "/openapi/v1.json")
    {
        var document = await client.GetFromJsonAsync<JsonObject>(documentPath) ?? throw new InvalidOperationException($"{documentPath} is empty");
        var operations = new List<OpenApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject op || op["responses"] is not JsonObject responses) continue;
                var listed = responses.ToDictionary(
                    response => response.Key,
                    response => (IReadOnlyList<string>)[.. (response.Value?["content"] as JsonObject)?.Select(content => content.Key) ?? []]);
                operations.Add(new OpenApiOperation(method.ToUpperInvariant(), path, op["operationId"]?.GetValue<string>(), op["summary"]?.GetValue<string>(), listed));
            }
        }

        return operations;
    }
}
