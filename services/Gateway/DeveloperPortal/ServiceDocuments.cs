using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.Gateway.DeveloperPortal;

/// <summary>
/// What each service publishes for developers, read through the gateway's own sidecar (Dapr service invocation, as
/// every route does): its OpenAPI document (<c>/openapi/v1.json</c>) rewritten to the paths the public calls, and
/// whether it has a GraphQL endpoint.
/// </summary>
public sealed class ServiceDocuments(IHttpClientFactory clients, IOptions<GatewayOptions> options, IConfiguration configuration)
{
    public const string HttpClientName = "developer-portal";

    /// <summary>Where every ASP.NET Core service of the shop serves its OpenAPI document (Microsoft.AspNetCore.OpenApi's default).</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The configured services, in their configured order.</summary>
    public IReadOnlyList<string> Services => [.. options.Value.Services.Distinct(StringComparer.OrdinalIgnoreCase)];

    public bool IsService(string name) => Services.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The service's OpenAPI document as seen through the gateway; null when the service serves none or is down.</summary>
    public async Task<JsonObject?> OpenApiAsync(string service, CancellationToken cancellationToken)
    {
        using var request = Invoke(HttpMethod.Get, service, OpenApiPath);
        using var response = await SendAsync(request, cancellationToken);
        if (response is not { StatusCode: HttpStatusCode.OK }) return null;
        return JsonNode.Parse(await response.Content.ReadAsStreamAsync(cancellationToken)) is JsonObject document
            ? AsSeenThroughTheGateway(document, service)
            : null;
    }

    /// <summary>Whether the service answers a minimal GraphQL query.</summary>
    public async Task<bool> HasGraphQLAsync(string service, CancellationToken cancellationToken)
    {
        using var request = Invoke(HttpMethod.Post, service, "/graphql");
        request.Content = JsonContent.Create(new { query = "{ __typename }" });
        using var response = await SendAsync(request, cancellationToken);
        return response is { StatusCode: HttpStatusCode.OK };
    }

    /// <summary>The services that answer <paramref name="probe"/>, asked all at once.</summary>
    public async Task<IReadOnlyList<string>> WhichAsync(Func<string, CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        var services = Services;
        var answers = await Task.WhenAll(services.Select(service => probe(service, cancellationToken)));
        return [.. services.Where((_, i) => answers[i])];
    }

    /// <summary>
    /// The document with the paths a client of the gateway calls (<c>/api/products</c> of catalog is
    /// <c>/api/catalog/products</c>), served from the gateway itself; paths the gateway does not route are left out.
    /// </summary>
    public static JsonObject AsSeenThroughTheGateway(JsonObject document, string service)
    {
        document["servers"] = new JsonArray(new JsonObject { ["url"] = "/" });
        if (document["paths"] is not JsonObject paths) return document;
        var routed = new JsonObject();
        foreach (var (path, item) in paths)
        {
            if (PublicPath(path, service) is { } publicPath) routed[publicPath] = item?.DeepClone();
        }

        document["paths"] = routed;
        return document;
    }

    private static string? PublicPath(string path, string service)
    {
        if (path.StartsWith("/api/", StringComparison.Ordinal)) return $"/api/{service}/{path["/api/".Length..]}";
        if (path == "/graphql") return $"/graphql/{service}";
        return path.StartsWith("/.well-known/", StringComparison.Ordinal) && service.Equals(TokenConventions.IdentityAppId, StringComparison.OrdinalIgnoreCase)
            ? path
            : null;
    }

    private HttpRequestMessage Invoke(HttpMethod method, string service, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(DaprSidecar.AppIdHeader, service);
        if (DaprSidecar.ApiToken(configuration) is { } token) request.Headers.Add(DaprSidecar.ApiTokenHeader, token);
        return request;
    }

    /// <summary>The answer, or null when the sidecar cannot be reached: a developer page lists what is up, it does not fail.</summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
