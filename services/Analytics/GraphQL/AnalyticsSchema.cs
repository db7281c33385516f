using GraphQL.Types;

namespace SpaceOfSport.Analytics.GraphQL;

public sealed class AnalyticsSchema : Schema
{
    public AnalyticsSchema(IServiceProvider services, AnalyticsQuery query) : base(services)
    {
        Query = query;
    }
}
