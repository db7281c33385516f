namespace SpaceOfSport.BuildingBlocks.GraphQL;

public sealed record PageInfo(string? EndCursor, bool HasNextPage);
