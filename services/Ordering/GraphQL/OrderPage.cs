using SpaceOfSport.BuildingBlocks.GraphQL;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.GraphQL;

/// <summary>One page of the order history, newest first.</summary>
public sealed record OrderPage(IReadOnlyList<Order> Nodes, PageInfo PageInfo);
