using System.Net;
using System.Text.Json.Nodes;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>POSTs GraphQL requests to ordering's <c>/graphql</c>.</summary>
public static class GraphQLClient
{
    public static async Task<JsonNode> GraphQLAsync(this HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The data of a request that must succeed.</summary>
    public static async Task<JsonNode> DataAsync(this HttpClient client, string query, object? variables = null)
    {
        var body = await client.GraphQLAsync(query, variables);
        body["errors"].Should().BeNull(body.ToJsonString());
        return body["data"]!;
    }

    /// <summary>The first error's code of a request that must fail.</summary>
    public static async Task<string?> ErrorCodeAsync(this HttpClient client, string query, object? variables = null)
    {
        var body = await client.GraphQLAsync(query, variables);
        body["errors"].Should().NotBeNull(body.ToJsonString());
        return body["errors"]![0]!["extensions"]?["code"]?.GetValue<string>();
    }
}
