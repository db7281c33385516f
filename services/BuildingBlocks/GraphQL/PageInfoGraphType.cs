using GraphQL.Types;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field<StringGraphType>("endCursor").Description("Pass as `after` for the next page").Resolve(c => c.Source.EndCursor);
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
    }
}
