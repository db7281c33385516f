using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Ordering.Orders;
using SpaceOfSport.Ordering.Returns;

namespace SpaceOfSport.Ordering.GraphQL;

public static class OrderHistoryExtensions
{
    /// <summary>
    /// Depth 8 (orders → nodes → lines/shipments/timeline → fields, with room); complexity 20,000 (a list multiplies its
    /// children by `first`, at most 50, or by 10): the largest page with every list and field costs about 11,000.
    /// </summary>
    public static readonly GraphQLLimits Limits = new(MaxDepth: 8, MaxComplexity: 20_000);

    /// <summary>
    /// The order history at <c>/graphql</c>: the schema on the shared endpoint, resolved serially (the resolvers share
    /// the request's DbContext) with per-request batch loaders for lines, shipments, returns and the timeline.
    /// </summary>
    public static IHostApplicationBuilder AddOrderHistoryGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EnumerationGraphType<OrderStatus>>();
        builder.Services.AddSingleton<EnumerationGraphType<ReturnStatus>>();
        builder.Services.AddScoped<OrderHistoryLoaders>();
        builder.Services.AddGraphQLSchema<OrderingSchema>(Limits, allowIntrospection: builder.Environment.IsDevelopment(), serialExecution: true);
        return builder;
    }
}
