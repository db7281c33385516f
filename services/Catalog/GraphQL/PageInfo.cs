namespace SpaceOfSport.Catalog.GraphQL;

public sealed record PageInfo(string? EndCursor, bool HasNextPage);
