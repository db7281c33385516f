using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.Cart.Carts;
using SpaceOfSport.Cart.Tax;

namespace SpaceOfSport.Cart.Apis;

/// <summary>
/// /api/cart: the caller's cart (signed in: the token's user; otherwise the anonymous cart of the httpOnly cookie).
/// A signed-in request that still carries the cookie merges the anonymous cart first and reports it in <c>merge</c>.
/// </summary>
public static class CartApi
{
    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/cart").WithTags("Cart").AllowAnonymous()
            .AddEndpointFilter(RejectInvalidToken)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        cart.MapGet("/", GetAsync).WithName("GetCart").WithSummary("The caller's cart, priced now.");
        cart.MapGet("/{cartId:guid}", GetByIdAsync).WithName("GetCartById").WithSummary("The caller's cart by its id; any other cart is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cart.MapPost("/lines", AddLineAsync).WithName("AddCartLine").WithSummary("Adds units of a SKU (to its line, if there is one).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cart.MapPut("/lines/{sku}", ChangeLineAsync).WithName("ChangeCartLine").WithSummary("Sets a line's quantity.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cart.MapDelete("/lines/{sku}", RemoveLineAsync).WithName("RemoveCartLine").WithSummary("Removes a line.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cart.MapPut("/promotion", ApplyPromotionAsync).WithName("ApplyPromotionCode").WithSummary("Applies a promotion code (422 with the reason when it does not apply).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cart.MapDelete("/promotion", RemovePromotionAsync).WithName("RemovePromotionCode").WithSummary("Removes the promotion code.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cart.MapPut("/destination", SetDestinationAsync).WithName("SetCartDestination").WithSummary("Sets where the cart ships (country, region, postal code).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cart.MapPut("/shipping", SetShippingAsync).WithName("SetCartShippingMethod").WithSummary("Chooses the shipping method (and store for click-and-collect).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Ok<CartResponse>> GetAsync([AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: false, cancellationToken);
        var cart = await services.Carts.GetAsync(owner, cancellationToken);
        return TypedResults.Ok(await services.Pricer.PriceAsync(cart, owner?.IsAnonymous ?? true, cancellationToken, merge));
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> GetByIdAsync(Guid cartId, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: false, cancellationToken);
        var cart = await services.Carts.GetAsync(owner, cancellationToken);
        if (cart is null || cart.Id != cartId) return (CartProblems.NotFound("No such cart."));
        return TypedResults.Ok(await services.Pricer.PriceAsync(cart, owner!.IsAnonymous, cancellationToken, merge));
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> AddLineAsync(
        AddLineRequest request, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: true, cancellationToken);
        var (outcome, cart) = await services.Carts.AddLineAsync(owner!, request.Sku, request.Quantity, request.Version, cancellationToken);
        return await AnswerAsync(outcome, cart, owner!, merge, services, cancellationToken);
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> ChangeLineAsync(
        string sku, ChangeLineRequest request, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: true, cancellationToken);
        var (outcome, cart) = await services.Carts.ChangeLineAsync(owner!, sku, request.Quantity, request.Version, cancellationToken);
        return await AnswerAsync(outcome, cart, owner!, merge, services, cancellationToken);
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> RemoveLineAsync(
        string sku, long? version, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: true, cancellationToken);
        var (outcome, cart) = await services.Carts.RemoveLineAsync(owner!, sku, version, cancellationToken);
        return await AnswerAsync(outcome, cart, owner!, merge, services, cancellationToken);
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> ApplyPromotionAsync(
        ApplyPromotionRequest request, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: true, cancellationToken);
        var (outcome, cart) = await services.Carts.ApplyPromotionAsync(owner!, request.Code, request.Version, cancellationToken);
        return await AnswerAsync(outcome, cart, owner!, merge, services, cancellationToken);
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> RemovePromotionAsync(
        long? version, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: true, cancellationToken);
        var (outcome, cart) = await services.Carts.RemovePromotionAsync(owner!, version, cancellationToken);
        return await AnswerAsync(outcome, cart, owner!, merge, services, cancellationToken);
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> SetDestinationAsync(
        DestinationRequest request, [AsParameters] CartServices services, TaxCalculator tax, CancellationToken cancellationToken)
    {
        var (destination, errors) = DestinationRules.Check(request.Country, request.Region, request.PostalCode, request.Latitude, request.Longitude, tax);
        if (destination is null) return TypedResults.ValidationProblem(errors);
        var (owner, merge) = await services.OwnerAsync(create: true, cancellationToken);
        var (outcome, cart) = await services.Carts.SetDestinationAsync(owner!, destination, request.Version, cancellationToken);
        return await AnswerAsync(outcome, cart, owner!, merge, services, cancellationToken);
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> SetShippingAsync(
        ShippingMethodRequest request, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var (owner, merge) = await services.OwnerAsync(create: true, cancellationToken);
        var (outcome, cart) = await services.Carts.SetShippingAsync(owner!, request.Method, request.StoreId, request.Version, cancellationToken);
        return await AnswerAsync(outcome, cart, owner!, merge, services, cancellationToken);
    }

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult, Conflict<CartResponse>>> AnswerAsync(
        EditOutcome outcome, CartDocument cart, CartOwner owner, CartMergeReport? merge, CartServices services, CancellationToken cancellationToken) => outcome switch
        {
            EditOutcome.SavedOutcome => TypedResults.Ok(await services.Pricer.PriceAsync(cart, owner.IsAnonymous, cancellationToken, merge)),
            EditOutcome.StaleOutcome => TypedResults.Conflict(await services.Pricer.PriceAsync(cart, owner.IsAnonymous, cancellationToken, merge)),
            EditOutcome.InvalidOutcome invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }),
            EditOutcome.NotFoundOutcome notFound => (CartProblems.NotFound(notFound.Detail)),
            EditOutcome.RuleOutcome rule => (CartProblems.Rule(rule.Reason, rule.Detail)),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome}"),
        };

    /// <summary>A token that fails validation is a 401, never a silent fall-back to an anonymous cart.</summary>
    private static async ValueTask<object?> RejectInvalidToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid access token",
                detail: "The bearer token was not accepted; sign in again or send no token for an anonymous cart.");
        return await next(context);
    }
}

/// <summary>What every cart endpoint needs.</summary>
public sealed record CartServices(HttpContext Context, CartService Carts, CartPricer Pricer)
{
    /// <summary>The request's cart owner, after merging an anonymous cart into a signed-in user's (then the cookie goes).</summary>
    public async Task<(CartOwner? Owner, CartMergeReport? Merge)> OwnerAsync(bool create, CancellationToken cancellationToken)
    {
        var owner = CartOwner.Of(Context, create);
        if (owner?.PendingAnonymousToken is null) return (owner, null);
        var merge = await Carts.MergeAnonymousAsync(owner, cancellationToken);
        CartOwner.ForgetAnonymousCart(Context);
        return (owner, merge);
    }
}
