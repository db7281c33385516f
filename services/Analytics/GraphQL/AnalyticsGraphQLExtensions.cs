using GraphQL.Types;
using SpaceOfSport.Analytics.Recommendations;
using SpaceOfSport.Analytics.Reports;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Analytics.GraphQL;

public static class AnalyticsGraphQLExtensions
{
    /// <summary>
    /// Depth 6 (the deepest selection is sales → series → totals → revenue → amountMinor); complexity 5,000: every report
    /// in one request with its lists at the largest <c>first</c> costs well under it.
    /// </summary>
    public static readonly GraphQLLimits Limits = new(MaxDepth: 6, MaxComplexity: 5_000);

    /// <summary>
    /// Reports and recommendations at <c>/graphql</c> on the shared endpoint, resolved serially (the resolvers share the
    /// request's DbContext).
    /// </summary>
    public static IHostApplicationBuilder AddAnalyticsGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EnumerationGraphType<ReportPeriod>>();
        builder.Services.AddScoped<RollupReader>();
        builder.Services.AddScoped<ReportQueries>();
        builder.Services.AddScoped<CatalogReports>();
        builder.Services.AddSingleton<EnumerationGraphType<BreakdownDimension>>();
        builder.Services.AddScoped<Recommender>();
        builder.Services.AddScoped<SimilarProducts>();
        builder.Services.AddOptions<RecommendationOptions>().BindConfiguration(RecommendationOptions.Section);
        builder.Services.AddGraphQLSchema<AnalyticsSchema>(Limits, allowIntrospection: builder.Environment.IsDevelopment(), serialExecution: true);
        return builder;
    }
}
