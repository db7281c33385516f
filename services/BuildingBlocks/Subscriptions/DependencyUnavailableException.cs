namespace SpaceOfSport.BuildingBlocks.Subscriptions;

/// <summary>
/// A dependency (another service, the state store, a binding, the sidecar) did not answer, so nothing was half done and
/// the same work may simply be tried again: a subscription answers RETRY (<see cref="TopicSubscription"/>), a request
/// gets a 503 problem with <c>Retry-After</c> (<see cref="Http.DependencyUnavailableProblems"/>), never a 500.
/// </summary>
public sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : Exception(inner is null ? $"{dependency} did not answer" : $"{dependency} did not answer: {inner.Message}", inner)
{
    /// <summary>What did not answer, in words a problem document may show ("catalog", "state store").</summary>
    public string Dependency { get; } = dependency;
}
