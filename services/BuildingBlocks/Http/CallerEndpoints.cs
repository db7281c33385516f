using Microsoft.AspNetCore.Mvc;

namespace SpaceOfSport.BuildingBlocks.Http;

public static class CallerEndpoints
{
    /// <summary>
    /// Lets only the named apps call these endpoints, by the <c>dapr-caller-app-id</c> header the calling sidecar sets
    /// on every service invocation (overwriting whatever the caller sent), believed only on a request that came through
    /// this app's own sidecar (<see cref="AppApiToken.CameThroughSidecar"/>). Anyone else gets a 403 problem. A second
    /// line behind Dapr's access-control lists, which check the caller's mTLS identity in a cluster.
    /// </summary>
    public static TBuilder RequireCallerApp<TBuilder>(this TBuilder builder, params string[] appIds)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (AppApiToken.CameThroughSidecar(http) && http.Request.Headers[DaprSidecar.CallerAppIdHeader] is [{ } caller] && appIds.Contains(caller, StringComparer.Ordinal))
                return await next(context);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                detail: $"Only {string.Join(" and ", appIds)} may call this endpoint, through Dapr service invocation.");
        });
        return builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [StatusProblem.ContentType]));
    }
}
