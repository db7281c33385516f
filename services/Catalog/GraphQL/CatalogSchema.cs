using GraphQL.Types;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class CatalogSchema : Schema
{
    public CatalogSchema(IServiceProvider services, CatalogQuery query) : base(services)
    {
        Query = query;
    }
}
