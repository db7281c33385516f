using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Net.Http.Headers;

namespace SpaceOfSport.Gateway.DeveloperPortal;

/// <summary>Marks an endpoint that answers only a browser asking for a page (<c>Accept: text/html</c>).</summary>
public sealed class BrowserPageMetadata;

/// <summary>
/// Lets a page share its path with an API: an endpoint marked <see cref="BrowserPageMetadata"/> is a candidate only when
/// the request accepts HTML, so <c>GET /graphql/catalog</c> from a browser gets GraphiQL while a GraphQL client's GET
/// or POST on the same path still reaches the service.
/// </summary>
internal sealed class BrowserPageMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<BrowserPageMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (AcceptsHtml(httpContext.Request)) return Task.CompletedTask;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Endpoint.Metadata.GetMetadata<BrowserPageMetadata>() is not null) candidates.SetValidity(i, false);
        }

        return Task.CompletedTask;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(media => media.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && media.Quality is not 0);
}
