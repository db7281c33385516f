namespace SpaceOfSport.Catalog.Sports;

public sealed record SportResponse(Guid Id, string Name, string Slug);
