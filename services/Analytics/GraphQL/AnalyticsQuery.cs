using System.Security.Claims;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using SpaceOfSport.Analytics.Recommendations;
using SpaceOfSport.Analytics.Reports;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.Analytics.GraphQL;

/// <summary>
/// Reports for staff with <c>reports:read</c> (signed out: UNAUTHENTICATED; without the permission: FORBIDDEN), each
/// over local dates <c>from</c>..<c>to</c> in <c>timeZone</c>; recommendations for everyone (<c>recommendedForMe</c>
/// for a signed-in customer).
/// </summary>
public sealed class AnalyticsQuery : ObjectGraphType
{
    public const int MaxFirst = 100;

    public AnalyticsQuery()
    {
        Name = "Query";

        Report<SalesReportGraphType>("sales", "Revenue, orders, average order value and units in one currency, by period, against the period before")
            .Argument<NonNullGraphType<EnumerationGraphType<ReportPeriod>>>("period", a => a.DefaultValue = ReportPeriod.Day)
            .Argument<NonNullGraphType<StringGraphType>>("currency", a => a.DefaultValue = "EUR")
            .ResolveAsync(async c => await Queries(c).SalesAsync(Range(c), c.GetArgument<ReportPeriod>("period"), Currency(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<SalesBreakdownRowGraphType>>>>("salesBreakdown",
                "Units and revenue by category (at a depth from the root), brand or sport (the catalog's ids), most revenue first")
            .Argument<NonNullGraphType<EnumerationGraphType<BreakdownDimension>>>("by")
            .Argument<NonNullGraphType<StringGraphType>>("currency", a => a.DefaultValue = "EUR")
            .Argument<NonNullGraphType<IntGraphType>>("categoryDepth", a =>
            {
                a.DefaultValue = 1;
                a.Description = "For CATEGORY: 1 = top-level categories, 2 = their children, …";
            })
            .ResolveAsync(async c => await Staff<CatalogReports>(c).SalesByAsync(Range(c), Currency(c), c.GetArgument<BreakdownDimension>("by"), CategoryDepth(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<FlashSaleReportGraphType>>>>("flashSales",
                "Each flash sale running in the range: orders, units and revenue of what it covered while it ran, and its sell-through time")
            .Argument<NonNullGraphType<StringGraphType>>("currency", a => a.DefaultValue = "EUR")
            .ResolveAsync(async c => await Staff<CatalogReports>(c).FlashSalesAsync(Range(c), Currency(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<FunnelStageGraphType>>>>("funnel", "Product viewed → added to cart → checkout started → paid, with rates")
            .ResolveAsync(async c => await Queries(c).FunnelAsync(Range(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<FunnelStageGraphType>>>>("visitorFunnel",
                "Distinct visitors who visited → viewed a product → added to cart → started checkout, then distinct buyers (raw events: within their retention)")
            .ResolveAsync(async c => await Queries(c).VisitorFunnelAsync(Range(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<PageViewCountGraphType>>>>("pageViews", "The most viewed pages (paths without query strings)")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await Queries(c).PageViewsAsync(Range(c), First(c), c.CancellationToken));

        Report<NonNullGraphType<RecommendationPerformanceGraphType>>("recommendationPerformance", "Recommendations shown and clicked in the storefront")
            .ResolveAsync(async c => await Queries(c).RecommendationPerformanceAsync(Range(c), c.CancellationToken));

        Report<CartAbandonmentGraphType>("cartAbandonment", "Abandoned carts, their rate against paid orders and their value")
            .Argument<NonNullGraphType<StringGraphType>>("currency", a => a.DefaultValue = "EUR")
            .ResolveAsync(async c => await Queries(c).CartAbandonmentAsync(Range(c), Currency(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<SearchTermGraphType>>>>("topSearches", "The most frequent searches")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await Queries(c).SearchesAsync(Range(c), withoutResultsOnly: false, First(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<SearchTermGraphType>>>>("searchesWithoutResults", "The most frequent searches that found nothing")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await Queries(c).SearchesAsync(Range(c), withoutResultsOnly: true, First(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<SkuSalesGraphType>>>>("bestSellers", "SKUs by units sold, most first")
            .Argument<NonNullGraphType<StringGraphType>>("currency", a => a.DefaultValue = "EUR")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await Queries(c).SkuSalesAsync(Range(c), Currency(c), c.CancellationToken, First(c)));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<SkuSalesGraphType>>>>("slowMovers", "SKUs in stock that sold fewest units (none first)")
            .Argument<NonNullGraphType<StringGraphType>>("currency", a => a.DefaultValue = "EUR")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await Queries(c).SlowMoversAsync(Range(c), Currency(c), First(c), c.CancellationToken));

        Report<NonNullGraphType<ListGraphType<NonNullGraphType<StockOutGraphType>>>>("stockOuts", "SKUs by days sold out everywhere")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await Queries(c).StockOutsAsync(Range(c), First(c), c.CancellationToken));

        Report<RefundsReportGraphType>("refunds", "Refunds paid back and the reasons customers gave for returns")
            .Argument<NonNullGraphType<StringGraphType>>("currency", a => a.DefaultValue = "EUR")
            .ResolveAsync(async c => await Queries(c).RefundsAsync(Range(c), Currency(c), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendedProductGraphType>>>>("recommendations")
            .Description("For a product page or a cart: bought together (co-purchase lift), then best sellers")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await Service<Recommender>(c).ForProductAsync(c.GetArgument<Guid>("productId"), First(c, RecommendationOptions.MaxFirst), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecommendedProductGraphType>>>>("recommendedForMe")
            .Description("For the signed-in customer: from what they bought and viewed, in stock in their sizes, nothing they bought; best sellers for a cold start")
            .Argument<NonNullGraphType<IntGraphType>>("first", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                if (UserIdOf(c.User) is not { } userId) throw new ExecutionError("sign in for personal recommendations") { Code = "UNAUTHENTICATED" };
                return await Service<Recommender>(c).ForCustomerAsync(userId, First(c, RecommendationOptions.MaxFirst), c.CancellationToken);
            });
    }

    private FieldBuilder<object?, object> Report<TGraphType>(string name, string description)
        where TGraphType : IGraphType =>
        Field<TGraphType>(name).Description(description + " (reports:read)")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("from", a => a.Description = "First local date")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("to", a => a.Description = "Last local date (included)")
            .Argument<NonNullGraphType<StringGraphType>>("timeZone", a =>
            {
                a.DefaultValue = "UTC";
                a.Description = "IANA time zone the dates are in, e.g. Europe/Berlin";
            });

    private static ReportQueries Queries(IResolveFieldContext context) => Staff<ReportQueries>(context);

    /// <summary>A report service, for a caller with <c>reports:read</c> only.</summary>
    private static T Staff<T>(IResolveFieldContext context)
        where T : notnull
    {
        var user = context.User ?? new ClaimsPrincipal();
        if (user.Identity?.IsAuthenticated != true) throw new ExecutionError("sign in to read reports") { Code = "UNAUTHENTICATED" };
        if (!user.HasClaim(TokenConventions.PermissionClaim, Permissions.ReportsRead))
            throw new ExecutionError("reports need the reports:read permission") { Code = "FORBIDDEN" };
        return Service<T>(context);
    }

    private static T Service<T>(IResolveFieldContext context)
        where T : notnull => context.RequestServices!.GetRequiredService<T>();

    private static ReportRange Range(IResolveFieldContext context)
    {
        var (range, problem) = ReportRange.Create(context.GetArgument<DateOnly>("from"), context.GetArgument<DateOnly>("to"), context.GetArgument<string>("timeZone"));
        return range ?? throw BadInput(problem!);
    }

    private static string Currency(IResolveFieldContext context) =>
        context.GetArgument<string>("currency") is { Length: 3 } currency && currency.All(char.IsAsciiLetterUpper)
            ? currency
            : throw BadInput("currency must be an ISO 4217 code, e.g. EUR");

    private static int First(IResolveFieldContext context, int max = MaxFirst) =>
        context.GetArgument<int>("first") is var first && first >= 1 && first <= max ? first : throw BadInput($"first must be between 1 and {max}");

    private static int CategoryDepth(IResolveFieldContext context) =>
        context.GetArgument<int>("categoryDepth") is var depth && depth is >= 1 and <= 10 ? depth : throw BadInput("categoryDepth must be between 1 and 10");

    private static Guid? UserIdOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;

    private static ExecutionError BadInput(string message) => new(message) { Code = "BAD_USER_INPUT" };
}
