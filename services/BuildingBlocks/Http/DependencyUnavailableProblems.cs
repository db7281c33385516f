using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.BuildingBlocks.Http;

/// <summary>
/// A dependency that did not answer (<see cref="DependencyUnavailableException"/>) is a 503 problem with
/// <c>Retry-After</c> naming it, never a 500: nothing was half done, and the same request may simply be sent again.
/// Part of the service defaults, so every service maps it the same way.
/// </summary>
public sealed class DependencyUnavailableProblems(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>A state store or a service that hiccupped usually answers again within a couple of seconds.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DependencyUnavailableException unavailable || context.Response.HasStarted) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = $"{unavailable.Dependency} did not answer; try again (with the same Idempotency-Key, where the request has one).",
            },
        });
    }
}
