namespace SpaceOfSport.Cart.CatalogPrices;

/// <summary>A dependency (catalog or the sidecar) did not answer: the request gets a 503, never a 500.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception inner)
    : Exception($"{dependency} is unavailable: {inner.Message}", inner)
{
    public string Dependency { get; } = dependency;
}
