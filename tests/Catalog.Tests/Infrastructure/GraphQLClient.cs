using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpaceOfSport.Catalog.Tests.Infrastructure;

/// <summary>POSTs a GraphQL request and returns the response status and JSON body.</summary>
public static class GraphQLClient
{
    public static async Task<(System.Net.HttpStatusCode Status, JsonNode Body)> PostAsync(this HttpClient client, string query, object? variables = null)
    {
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("empty body");
        return (response.StatusCode, body);
    }

    public static async Task<JsonNode> DataAsync(this HttpClient client, string query, object? variables = null)
    {
        var (status, body) = await client.PostAsync(query, variables);
        status.Should().Be(System.Net.HttpStatusCode.OK);
        body["errors"].Should().BeNull(because: body.ToJsonString());
        return body["data"]!;
    }
}
