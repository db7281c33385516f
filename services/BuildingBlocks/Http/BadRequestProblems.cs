using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using SpaceOfSport.BuildingBlocks.Json;

namespace SpaceOfSport.BuildingBlocks.Http;

/// <summary>
/// A request body or parameter the endpoint could not bind is the caller's mistake, answered as such: a JSON value that
/// cannot be read becomes a 400 validation problem naming its field (<c>errors: { "ageGroup": [...] }</c>), any other
/// binding failure a problem with its own status (400, 415...). Minimal APIs throw these only when told to
/// (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>); otherwise they answer an empty 400 that names nothing.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted) return false;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = badRequest.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Field(json.Path)] = [Message(json)] })
            {
                Status = badRequest.StatusCode,
                Title = "The request body is not valid.",
            }
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = badRequest.StatusCode, Detail = badRequest.Message };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The field as the caller wrote it (<c>$.variants[0].size</c> → <c>variants[0].size</c>); the body itself is <c>body</c>.</summary>
    private static string Field(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Message(JsonException exception) =>
        exception is InvalidJsonValueException ? exception.Message : "is not valid JSON of the expected type";
}

public static class BadRequestProblemsExtensions
{
    /// <summary>Every binding failure through <see cref="BadRequestProblems"/>; JSON by <see cref="JsonConventions"/>.</summary>
    public static IHostApplicationBuilder AddBadRequestProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        return builder;
    }
}
