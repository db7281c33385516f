using GraphQL.Types;

namespace SpaceOfSport.Catalog.GraphQL;

public sealed class AttributeGraphType : ObjectGraphType<KeyValuePair<string, string>>
{
    public AttributeGraphType()
    {
        Name = "Attribute";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(c => c.Source.Value);
    }
}
