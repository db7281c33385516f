using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace SpaceOfSport.BuildingBlocks.Http;

/// <summary>
/// RFC 9457 answers whose status is part of their type, so a handler's <c>Results&lt;...&gt;</c> names every outcome and
/// the OpenAPI document describes it (a bare <see cref="ProblemHttpResult"/> carries no status a document could show).
/// Each writes through <see cref="ProblemHttpResult"/>, so the service defaults add <c>traceId</c> and <c>instance</c>.
/// </summary>
public abstract class StatusProblem : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IContentTypeHttpResult
{
    public const string ContentType = "application/problem+json";

    private readonly ProblemHttpResult _problem;

    private protected StatusProblem(int status, string title, string? detail, IDictionary<string, object?>? extensions) =>
        _problem = TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    public ProblemDetails Value => _problem.ProblemDetails;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => _problem.StatusCode;

    string? IContentTypeHttpResult.ContentType => ContentType;

    public virtual Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    private protected static void Describe(EndpointBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ContentType]));
    }
}

/// <summary>404: the resource does not exist, or the caller may not know it does.</summary>
public sealed class NotFoundProblem(string detail) : StatusProblem(StatusCodes.Status404NotFound, "Not found", detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the request clashes with the current state (a taken unique value, a resource still in use, a cycle).</summary>
public sealed class ConflictProblem(string title, string detail, IDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status409Conflict, title, detail, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status409Conflict);
}

/// <summary>
/// 428 when a write of an existing resource carries no <c>If-Match</c>, 412 when it names another version (or lost a race
/// to another writer): one type, since both answer the same question (is this the version you read?).
/// </summary>
public sealed class PreconditionProblem : StatusProblem, IEndpointMetadataProvider
{
    private PreconditionProblem(int status, string title, string detail) : base(status, title, detail, null)
    {
    }

    public static PreconditionProblem Required(string detail) => new(StatusCodes.Status428PreconditionRequired, "If-Match required", detail);

    public static PreconditionProblem Failed(string detail) => new(StatusCodes.Status412PreconditionFailed, "Version mismatch", detail);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
}

/// <summary>422: well-formed input that a rule of the business refuses.</summary>
public sealed class BusinessRuleProblem(string title, string detail, IDictionary<string, object?>? extensions = null)
    : StatusProblem(StatusCodes.Status422UnprocessableEntity, title, detail, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status422UnprocessableEntity);
}

/// <summary>503 with <c>Retry-After</c>: a transient overload the caller should retry after <paramref name="retryAfterSeconds"/>.</summary>
public sealed class BusyProblem(string detail, int retryAfterSeconds) : StatusProblem(StatusCodes.Status503ServiceUnavailable, "Busy", detail, null), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status503ServiceUnavailable);
}
