using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Ordering.Orders;
using SpaceOfSport.Ordering.Returns;

namespace SpaceOfSport.Ordering.Apis;

/// <summary>
/// <c>/api/returns</c>: a customer returns (or exchanges for another size) lines of a delivered order within 30 days;
/// staff with <c>returns:manage</c> approve, reject and receive them. Another customer's return is 404.
/// </summary>
public static class ReturnsApi
{
    public static IEndpointRouteBuilder MapReturnsApi(this IEndpointRouteBuilder app)
    {
        var returns = app.MapGroup("/api/returns").WithTags("Returns").ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        returns.MapPost("/", RequestAsync).RequireAuthorization().WithName("RequestReturn")
            .WithSummary("Returns lines of the caller's delivered order (within 30 days); a wrong size may be exchanged for another size in stock.");
        returns.MapGet("/", ListAsync).RequireAuthorization().WithName("ListReturns")
            .WithSummary("The caller's returns, newest first (every return for staff who manage returns), optionally of one status.");
        returns.MapGet("/{returnId:guid}", GetAsync).RequireAuthorization().WithName("GetReturn").WithSummary("One of the caller's returns; anybody else's is 404.");
        returns.MapPost("/{returnId:guid}/approve", ApproveAsync).RequirePermission(Permissions.ReturnsManage).WithName("ApproveReturn")
            .WithSummary("Staff: the customer may send the items back (an exchange's units are set aside).");
        returns.MapPost("/{returnId:guid}/reject", RejectAsync).RequirePermission(Permissions.ReturnsManage).WithName("RejectReturn")
            .WithSummary("Staff: the return is refused (an exchange's held units are released).");
        returns.MapPost("/{returnId:guid}/receive", ReceiveAsync).RequirePermission(Permissions.ReturnsManage).WithName("ReceiveReturn")
            .WithSummary("Staff: the items arrived: restocked, then refunded through payments or the exchange dispatched. Repeatable after a failure.");
        return app;
    }

    public static async Task<Results<Created<ReturnResponse>, ValidationProblem, NotFoundProblem, BusinessRuleProblem, ConflictProblem>> RequestAsync(
        RequestReturnRequest request, ClaimsPrincipal user, ReturnsService returns, CancellationToken cancellationToken) =>
        await returns.RequestAsync(user, request, cancellationToken) switch
        {
            ReturnOutcome.Done done => TypedResults.Created($"/api/returns/{done.Return.Id}", ReturnResponse.From(done.Return)),
            var other => Problem(other),
        };

    public static async Task<Ok<IReadOnlyList<ReturnResponse>>> ListAsync(ClaimsPrincipal user, ReturnsService returns, ReturnStatus? status, CancellationToken cancellationToken)
    {
        var visible = returns.Visible(user, IsReturnsStaff(user));
        if (status is { } wanted) visible = visible.Where(r => r.Status == wanted);
        var page = await visible.OrderByDescending(r => r.RequestedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReturnResponse>>([.. page.Select(ReturnResponse.From)]);
    }

    public static async Task<Results<Ok<ReturnResponse>, NotFoundProblem>> GetAsync(Guid returnId, ClaimsPrincipal user, ReturnsService returns, CancellationToken cancellationToken) =>
        await returns.Visible(user, IsReturnsStaff(user)).SingleOrDefaultAsync(r => r.Id == returnId, cancellationToken) is { } found
            ? TypedResults.Ok(ReturnResponse.From(found))
            : new NotFoundProblem($"There is no return {returnId} for you.");

    public static async Task<Results<Ok<ReturnResponse>, ValidationProblem, NotFoundProblem, BusinessRuleProblem, ConflictProblem>> ApproveAsync(
        Guid returnId, ClaimsPrincipal user, ReturnsService returns, CancellationToken cancellationToken) =>
        Answer(await returns.ApproveAsync(returnId, Staff(user), cancellationToken));

    public static async Task<Results<Ok<ReturnResponse>, ValidationProblem, NotFoundProblem, BusinessRuleProblem, ConflictProblem>> RejectAsync(
        Guid returnId, RejectReturnRequest? request, ClaimsPrincipal user, ReturnsService returns, CancellationToken cancellationToken) =>
        Answer(await returns.RejectAsync(returnId, Staff(user), request?.Reason, cancellationToken));

    public static async Task<Results<Ok<ReturnResponse>, ValidationProblem, NotFoundProblem, BusinessRuleProblem, ConflictProblem>> ReceiveAsync(
        Guid returnId, ReturnsService returns, CancellationToken cancellationToken) =>
        Answer(await returns.ReceiveAsync(returnId, cancellationToken));

    private static Results<Ok<ReturnResponse>, ValidationProblem, NotFoundProblem, BusinessRuleProblem, ConflictProblem> Answer(ReturnOutcome outcome) => outcome switch
    {
        ReturnOutcome.Done done => TypedResults.Ok(ReturnResponse.From(done.Return)),
        ReturnOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
        ReturnOutcome.NotFound notFound => new NotFoundProblem(notFound.Detail),
        ReturnOutcome.Refused refused => new BusinessRuleProblem(refused.Title, refused.Detail, new Dictionary<string, object?> { ["reason"] = refused.Reason }),
        ReturnOutcome.Conflict conflict => Conflict(conflict),
        _ => throw new InvalidOperationException($"unexpected outcome {outcome}"),
    };

    private static Results<Created<ReturnResponse>, ValidationProblem, NotFoundProblem, BusinessRuleProblem, ConflictProblem> Problem(ReturnOutcome outcome) => outcome switch
    {
        ReturnOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
        ReturnOutcome.NotFound notFound => new NotFoundProblem(notFound.Detail),
        ReturnOutcome.Refused refused => new BusinessRuleProblem(refused.Title, refused.Detail, new Dictionary<string, object?> { ["reason"] = refused.Reason }),
        ReturnOutcome.Conflict conflict => Conflict(conflict),
        _ => throw new InvalidOperationException($"unexpected outcome {outcome}"),
    };

    private static ConflictProblem Conflict(ReturnOutcome.Conflict conflict) => new(conflict.Title, conflict.Detail, new Dictionary<string, object?>
    {
        ["status"] = conflict.Status?.ToString().ToLowerInvariant(),
        ["skus"] = conflict.Skus,
    });

    private static bool IsReturnsStaff(ClaimsPrincipal user) => user.HasClaim(TokenConventions.PermissionClaim, Permissions.ReturnsManage);

    private static string Staff(ClaimsPrincipal user) => OrderAccess.UserIdOf(user)?.ToString() ?? "unknown";
}
