namespace SpaceOfSport.Identity.Tests.Infrastructure;

/// <summary>The test classes that share one identity service per provider.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityHosts>
{
    public const string Name = "identity";
}
