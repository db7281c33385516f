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
            if (IsCalledByOneOf(context.HttpContext, appIds)) return await next(context);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: Refusal(appIds));
        });
        return builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [StatusProblem.ContentType]));
    }

    /// <summary>
    /// The same rule for every method of a gRPC service (endpoint filters never run for gRPC): anyone else gets
    /// <c>PERMISSION_DENIED</c>, or a 403 problem where a method is served as JSON (transcoding).
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder RequireCallerApp(this GrpcServiceEndpointConventionBuilder builder, params string[] appIds)
    {
        builder.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is not { } next) return;
            endpoint.RequestDelegate = context => IsCalledByOneOf(context, appIds) ? next(context) : RefuseAsync(context, appIds);
        });
        return builder;
    }

    private static bool IsCalledByOneOf(HttpContext http, string[] appIds) =>
        AppApiToken.CameThroughSidecar(http) &&
        http.Request.Headers[DaprSidecar.CallerAppIdHeader] is [{ } caller] &&
        appIds.Contains(caller, StringComparer.Ordinal);

    private static string Refusal(string[] appIds) =>
        $"Only {string.Join(" and ", appIds)} may call this endpoint, through Dapr service invocation.";

    private static Task RefuseAsync(HttpContext context, string[] appIds)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: Refusal(appIds)).ExecuteAsync(context);

        // A trailers-only answer (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md): the status in the headers.
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = "7"; // PERMISSION_DENIED
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(Refusal(appIds));
        return Task.CompletedTask;
    }
}
