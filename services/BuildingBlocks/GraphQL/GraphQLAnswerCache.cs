using System.Collections.Concurrent;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// What every answer of a schema depends on besides the request itself. <see cref="Version"/> changes after (never
/// before) any change that could change an answer is visible to the resolvers; <see cref="ValidUntil"/> is the first
/// moment an answer computed now could change without a new version (a flash sale starting or ending);
/// <see cref="Detail"/> is the position in a finer-grained change log that only some answers depend on (the catalog's
/// stock flips), read against what each answer read (<see cref="IGraphQLAnswerVersion.Revalidate"/>).
/// </summary>
public readonly record struct GraphQLAnswerStamp(long Version, DateTimeOffset ValidUntil, long Detail = 0);

/// <summary>A service's source of <see cref="GraphQLAnswerStamp"/>s: registering one turns on whole-answer caching.</summary>
public interface IGraphQLAnswerVersion
{
    GraphQLAnswerStamp Current { get; }

    /// <summary>
    /// What the request that just ran read of the state <see cref="GraphQLAnswerStamp.Detail"/> tracks, kept with its
    /// answer; null when the version alone decides.
    /// </summary>
    object? ReadsOf(IServiceProvider requestServices) => null;

    /// <summary>
    /// The stamp under which an answer stamped <paramref name="stamp"/> that read <paramref name="reads"/> is still
    /// exactly what it would be now (its <see cref="GraphQLAnswerStamp.ValidUntil"/> kept), or null when it may have
    /// changed. By default an answer holds while the version does.
    /// </summary>
    GraphQLAnswerStamp? Revalidate(GraphQLAnswerStamp stamp, object? reads) => Current.Version == stamp.Version ? stamp : null;
}

/// <summary>
/// Whole GraphQL answers by request, for callers the service does not identify: the stamp is read before the request
/// runs and an answer is served only while the version is still that stamp's and its time has not come, so a change is
/// visible to the first request after it, exactly as without the cache. Only answers without errors are kept; when full
/// it starts again empty (the popular answers come back first).
/// </summary>
public sealed class GraphQLAnswerCache(IGraphQLAnswerVersion version, TimeProvider time)
{
    public const int MaxEntries = 4096;

    /// <summary>Requests longer than this (in bytes or characters) are answered without the cache.</summary>
    public const int MaxKeyLength = 16 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _answers = new(StringComparer.Ordinal);

    public GraphQLAnswerStamp Stamp() => version.Current;

    public byte[]? Find(string key)
    {
        if (!_answers.TryGetValue(key, out var entry)) return null;
        if (time.GetUtcNow() < entry.Stamp.ValidUntil && version.Revalidate(entry.Stamp, entry.Reads) is { } current)
        {
            // The next lookup starts from here instead of checking the same changes again.
            if (current != entry.Stamp) _answers.TryUpdate(key, entry with { Stamp = current }, entry);
            return entry.Body;
        }

        _answers.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    /// <summary>What the request just run read, to keep with its answer (see <see cref="IGraphQLAnswerVersion.ReadsOf"/>).</summary>
    public object? ReadsOf(IServiceProvider requestServices) => version.ReadsOf(requestServices);

    public void Keep(string key, byte[] body, GraphQLAnswerStamp stamp, object? reads = null)
    {
        if (_answers.Count >= MaxEntries) _answers.Clear();
        _answers[key] = new Entry(body, stamp, reads);
    }

    private sealed record Entry(byte[] Body, GraphQLAnswerStamp Stamp, object? Reads);
}
