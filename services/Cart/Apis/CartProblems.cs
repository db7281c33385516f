using Microsoft.AspNetCore.Mvc;

namespace SpaceOfSport.Cart.Apis;

/// <summary>Problem documents (RFC 9457) the cart answers with.</summary>
public static class CartProblems
{
    public static ProblemDetails NotFound(string detail) =>
        new() { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail };

    /// <summary>422: a business rule refused the change; <c>reason</c> names the rule for clients to act on.</summary>
    public static ProblemDetails Rule(string reason, string detail) =>
        new() { Status = StatusCodes.Status422UnprocessableEntity, Title = "Refused by a rule of the shop", Detail = detail, Extensions = { ["reason"] = reason } };

    public static ProblemDetails Conflict(string detail) =>
        new() { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = detail };
}
