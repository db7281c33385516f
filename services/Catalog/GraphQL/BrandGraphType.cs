using GraphQL.Types;
using SpaceOfSport.Catalog.Search;

namespace SpaceOfSport.Catalog.GraphQL;

/// <summary>A brand or a sport as a product shows it: slug and name.</summary>
public sealed class BrandGraphType : ObjectGraphType<SportRef>
{
    public BrandGraphType()
    {
        Name = "NamedRef";
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(c => c.Source.Slug);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
    }
}
