using Microsoft.AspNetCore.Http.HttpResults;

namespace SpaceOfSport.Cart.Apis;

/// <summary>Problem documents (RFC 9457, application/problem+json) the cart answers with.</summary>
public static class CartProblems
{
    /// <summary>404: what the caller asked for is not there, or not theirs to see.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>422: a business rule refused the change; <c>reason</c> names the rule for clients to act on.</summary>
    public static ProblemHttpResult Rule(string reason, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused by a rule of the shop", detail: detail,
            extensions: new Dictionary<string, object?> { ["reason"] = reason });

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
