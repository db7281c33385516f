namespace SpaceOfSport.Ordering.Checkout;

/// <summary>A service the checkout needs (cart, catalog, payments, inventory) did not answer: a 503 the client may retry.</summary>
public sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : Exception($"{dependency} did not answer", inner)
{
    public string Dependency { get; } = dependency;
}
