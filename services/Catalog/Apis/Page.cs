namespace SpaceOfSport.Catalog.Apis;

/// <summary>One page of a list; pass <see cref="NextCursor"/> as <c>cursor</c> to get the next (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
