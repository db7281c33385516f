using GraphQL.Types;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

public sealed class MoneyGraphType : ObjectGraphType<Money>
{
    public MoneyGraphType()
    {
        Name = "Money";
        Field<NonNullGraphType<LongGraphType>>("amountMinor").Description("Minor units, e.g. cents").Resolve(c => c.Source.AmountMinor);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(c => c.Source.Currency);
    }
}
