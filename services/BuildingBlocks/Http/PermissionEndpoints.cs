using Microsoft.AspNetCore.Mvc;

namespace SpaceOfSport.BuildingBlocks.Http;

public static class PermissionEndpoints
{
    /// <summary>
    /// Requires a token carrying <paramref name="permission"/> and says so in the OpenAPI document: 401 without a valid
    /// token, 403 without the permission (both problem details, written by the service defaults' status code pages).
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission).WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [StatusProblem.ContentType]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [StatusProblem.ContentType]));
}
