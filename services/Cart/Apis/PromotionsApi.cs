using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Cart.Promotions;

namespace SpaceOfSport.Cart.Apis;

/// <summary>
/// A promotion as staff define it: exactly one of <see cref="PercentOff"/> (1–100) and <see cref="AmountOffMinor"/>;
/// <see cref="Version"/> on a change is the version read (409 with the current promotion when stale).
/// </summary>
public sealed record PromotionRequest(
    string? Code,
    string? Description,
    int? PercentOff,
    long? AmountOffMinor,
    long? MinimumSpendMinor,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? TotalUsageLimit,
    int? PerCustomerUsageLimit,
    IReadOnlyList<Guid>? CategoryIds,
    IReadOnlyList<Guid>? BrandIds,
    long? Version);

public sealed record PromotionResponse(
    string Code,
    string Description,
    int? PercentOff,
    long? AmountOffMinor,
    string Currency,
    long MinimumSpendMinor,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int? TotalUsageLimit,
    int? PerCustomerUsageLimit,
    IReadOnlyList<Guid> CategoryIds,
    IReadOnlyList<Guid> BrandIds,
    int TimesUsed,
    int TimesReserved,
    long Version)
{
    /// <summary><c>TimesReserved</c>: the uses open orders hold at <paramref name="now"/> (expired holds not counted).</summary>
    public static PromotionResponse From(Promotion p, DateTimeOffset now) => new(p.Code, p.Description, p.PercentOff, p.AmountOffMinor, p.Currency, p.MinimumSpendMinor,
        p.StartsAt, p.EndsAt, p.TotalUsageLimit, p.PerCustomerUsageLimit, p.CategoryIds, p.BrandIds, p.TimesUsed, p.ReservedAt(now), p.Version);
}

/// <summary>/api/promotions: staff with <c>promotions:manage</c> create, list and change promotion codes.</summary>
public static class PromotionsApi
{
    public static IEndpointRouteBuilder MapPromotionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/promotions").WithTags("Promotions").RequireAuthorization(Permissions.PromotionsManage)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/", ListAsync).WithName("ListPromotions").WithSummary("Every promotion code with its usage.");
        api.MapGet("/{code}", GetAsync).WithName("GetPromotion").WithSummary("One promotion code with its usage.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", CreateAsync).WithName("CreatePromotion").WithSummary("Creates a promotion code.").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{code}", UpdateAsync).WithName("UpdatePromotion").WithSummary("Changes a promotion code's terms (its usage stays).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<PromotionResponse>>> ListAsync(PromotionStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PromotionResponse>>([.. (await store.ListAsync(cancellationToken)).Select(p => PromotionResponse.From(p, clock.GetUtcNow()))]);

    public static async Task<Results<Ok<PromotionResponse>, ProblemHttpResult>> GetAsync(string code, PromotionStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        (await store.GetAsync(Promotion.Normalize(code), cancellationToken)).Promotion is { } promotion
            ? TypedResults.Ok(PromotionResponse.From(promotion, clock.GetUtcNow()))
            : (CartProblems.NotFound($"There is no promotion code {Promotion.Normalize(code)}."));

    public static async Task<Results<Created<PromotionResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        PromotionRequest request, PromotionStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Trim().Length > 40 || !request.Code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            errors["code"] = ["must be 1 to 40 letters, digits or hyphens"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = clock.GetUtcNow();
        var promotion = new Promotion { Code = Promotion.Normalize(request.Code!), CreatedAt = now, UpdatedAt = now };
        Apply(request, promotion);
        if (!await store.TryCreateAsync(promotion, cancellationToken))
            return (CartProblems.Conflict($"Promotion code {promotion.Code} exists already."));
        return TypedResults.Created($"/api/promotions/{promotion.Code}", PromotionResponse.From(promotion, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<PromotionResponse>, ValidationProblem, ProblemHttpResult, Conflict<PromotionResponse>>> UpdateAsync(
        string code, PromotionRequest request, PromotionStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (request.Version is null) errors["version"] = ["is required: the version of the promotion you changed"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var normalized = Promotion.Normalize(code);
        while (true)
        {
            var (promotion, etag) = await store.GetAsync(normalized, cancellationToken);
            if (promotion is null || etag is null) return (CartProblems.NotFound($"There is no promotion code {normalized}."));
            if (promotion.Version != request.Version) return TypedResults.Conflict(PromotionResponse.From(promotion, clock.GetUtcNow()));
            Apply(request, promotion);
            promotion.Version++;
            promotion.UpdatedAt = clock.GetUtcNow();
            // A lost race with a redemption (usage count) is retried; one with another edit turns stale above.
            if (await store.TryReplaceAsync(promotion, etag, cancellationToken)) return TypedResults.Ok(PromotionResponse.From(promotion, clock.GetUtcNow()));
        }
    }

    private static Dictionary<string, string[]> Validate(PromotionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.PercentOff is null == request.AmountOffMinor is null) errors["percentOff"] = ["give exactly one of percentOff and amountOffMinor"];
        if (request.PercentOff is < 1 or > 100) errors["percentOff"] = ["must be 1 to 100"];
        if (request.AmountOffMinor is <= 0) errors["amountOffMinor"] = ["must be greater than 0"];
        if (request.MinimumSpendMinor is < 0) errors["minimumSpendMinor"] = ["must not be negative"];
        if (request.StartsAt is null) errors["startsAt"] = ["is required"];
        if (request.EndsAt is null) errors["endsAt"] = ["is required"];
        else if (request.StartsAt is { } start && request.EndsAt <= start) errors["endsAt"] = ["must be after startsAt"];
        if (request.TotalUsageLimit is <= 0) errors["totalUsageLimit"] = ["must be greater than 0"];
        if (request.PerCustomerUsageLimit is <= 0) errors["perCustomerUsageLimit"] = ["must be greater than 0"];
        if (request.Description is { Length: > 500 }) errors["description"] = ["must be at most 500 characters"];
        return errors;
    }

    private static void Apply(PromotionRequest request, Promotion promotion)
    {
        promotion.Description = request.Description?.Trim() ?? "";
        promotion.PercentOff = request.PercentOff;
        promotion.AmountOffMinor = request.AmountOffMinor;
        promotion.MinimumSpendMinor = request.MinimumSpendMinor ?? 0;
        promotion.StartsAt = request.StartsAt!.Value;
        promotion.EndsAt = request.EndsAt!.Value;
        promotion.TotalUsageLimit = request.TotalUsageLimit;
        promotion.PerCustomerUsageLimit = request.PerCustomerUsageLimit;
        promotion.CategoryIds = [.. request.CategoryIds ?? []];
        promotion.BrandIds = [.. request.BrandIds ?? []];
    }
}
