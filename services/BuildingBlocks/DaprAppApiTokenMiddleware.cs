using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// Lets through only requests carrying the app API token the sidecar sends
/// (https://docs.dapr.io/operations/security/app-api-token/), checked by Dapr.AspNetCore's own <c>Dapr</c>
/// authentication scheme through its authorization policy. Health probes come from the orchestrator, not the sidecar, so they are exempt.
/// </summary>
internal sealed class DaprAppApiTokenMiddleware(
    RequestDelegate next,
    ServiceDefaultsOptions options,
    IAuthorizationPolicyProvider policies,
    IPolicyEvaluator evaluator,
    IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!RequiresToken(context.Request.Path))
        {
            await next(context);
            return;
        }

        var policy = await policies.GetPolicyAsync(DaprCallbacks.AuthorizationPolicy)
            ?? throw new InvalidOperationException($"authorization policy '{DaprCallbacks.AuthorizationPolicy}' is not registered");
        var authentication = await evaluator.AuthenticateAsync(policy, context);
        if (authentication.Succeeded)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Detail = "This endpoint is reached only through the Dapr sidecar with its app API token." },
        });
    }

    private bool RequiresToken(PathString path)
    {
        if (path.StartsWithSegments(HealthPaths.Liveness) || path.StartsWithSegments(HealthPaths.Readiness)) return false;
        if (options.DirectPaths.Any(direct => path.StartsWithSegments(direct))) return false;
        return !options.BrowserFacing || DaprCallbacks.Paths.Any(callback => path.StartsWithSegments(callback));
    }
}
