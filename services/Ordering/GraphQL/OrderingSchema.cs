using GraphQL.Types;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class OrderingSchema : Schema
{
    public OrderingSchema(IServiceProvider services, OrderingQuery query) : base(services)
    {
        Query = query;
    }
}
