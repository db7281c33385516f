using System.Collections.Concurrent;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// What every answer of a schema depends on besides the request itself. <see cref="Version"/> changes after (never
/// before) any change that could change an answer is visible to the resolvers; <see cref="ValidUntil"/> is the first
/// moment an answer computed now could change without a new version (a flash sale starting or ending).
/// </summary>
public readonly record struct GraphQLAnswerStamp(long Version, DateTimeOffset ValidUntil);

/// <summary>A service's source of <see cref="GraphQLAnswerStamp"/>s: registering one turns on whole-answer caching.</summary>
public interface IGraphQLAnswerVersion
{
    GraphQLAnswerStamp Current { get; }
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
        if (entry.Stamp.Version == version.Current.Version && time.GetUtcNow() < entry.Stamp.ValidUntil) return entry.Body;
        _answers.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    public void Keep(string key, byte[] body, GraphQLAnswerStamp stamp)
    {
        if (_answers.Count >= MaxEntries) _answers.Clear();
        _answers[key] = new Entry(body, stamp);
    }

    private sealed record Entry(byte[] Body, GraphQLAnswerStamp Stamp);
}
