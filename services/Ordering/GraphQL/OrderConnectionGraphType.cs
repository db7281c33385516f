using GraphQL.Types;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Ordering.GraphQL;

public sealed class OrderConnectionGraphType : ObjectGraphType<OrderPage>
{
    public OrderConnectionGraphType()
    {
        Name = "OrderConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderGraphType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c => c.Source.PageInfo);
    }
}
