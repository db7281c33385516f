namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// Lets through only requests carrying the app API token the sidecar sends (<see cref="AppApiToken"/>); anything else
/// is a 401 problem (a gRPC call gets <c>UNAUTHENTICATED</c>). Health probes come from the orchestrator, and daprd's own
/// app health probe sends no token, so they are exempt.
/// </summary>
internal sealed class DaprAppApiTokenMiddleware(RequestDelegate next, ServiceDefaultsOptions options, AppApiToken token, IProblemDetailsService problems)
{
    public const string Refusal = "This endpoint is reached only through the Dapr sidecar with its app API token.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!RequiresToken(context.Request.Path) || token.IsCarriedBy(context.Request))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A trailers-only gRPC answer: gRPC clients read the status from these headers, not from the HTTP status.
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = Refusal;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Detail = Refusal },
        });
    }

    private bool RequiresToken(PathString path)
    {
        if (path.StartsWithSegments(HealthPaths.Liveness) || path.StartsWithSegments(HealthPaths.Readiness)) return false;
        if (options.DirectPaths.Any(direct => path.StartsWithSegments(direct))) return false;
        return !options.BrowserFacing || DaprCallbacks.Paths.Any(callback => path.StartsWithSegments(callback));
    }
}
