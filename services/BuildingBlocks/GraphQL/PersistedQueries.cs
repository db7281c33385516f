using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// Automatic persisted queries as Apollo clients send them
/// (https://github.com/apollographql/apollo-link-persisted-queries#protocol): a request may carry
/// <c>extensions.persistedQuery = { version: 1, sha256Hash }</c> instead of the query text. An unknown hash answers the
/// <c>PersistedQueryNotFound</c> error, and the client sends the text with its hash once; from then on the hash alone
/// runs it. The hash is checked against the text, so no client can register another query under a known hash.
/// Bounded like the document cache: once full, hashes already known keep working and new ones are not kept.
/// </summary>
public sealed class PersistedQueries : IConfigureExecution
{
    public const int MaxQueries = 1_000;

    private const string Extension = "persistedQuery";
    private const string SupportedVersion = "1";

    private readonly ConcurrentDictionary<string, string> _queries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Outside the document cache: the text it keys on comes from here.</summary>
    public float SortOrder => 100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Extensions?.TryGetValue(Extension, out var value) != true) return await next(options);
        var persisted = value as IReadOnlyDictionary<string, object?>;
        var version = persisted?.GetValueOrDefault("version")?.ToString();
        if (version != SupportedVersion) return new ExecutionResult(new PersistedQueryNotSupportedError(version));
        if (persisted!.GetValueOrDefault("sha256Hash") is not string { Length: > 0 } hash) return new ExecutionResult(new PersistedQueryHashMissingError());

        if (options.Query is null)
        {
            if (!_queries.TryGetValue(hash, out var query)) return new ExecutionResult(new PersistedQueryNotFoundError(hash));
            options.Query = query;
            return await next(options);
        }

        if (!hash.Equals(Sha256Hex(options.Query), StringComparison.OrdinalIgnoreCase)) return new ExecutionResult(new PersistedQueryBadHashError(hash));
        var result = await next(options);
        // Only a query that ran is worth a name: one that failed to parse or validate will not be sent again by hash.
        if (result.Executed && _queries.Count < MaxQueries) _queries.TryAdd(hash, options.Query);
        return result;
    }

    public static string Sha256Hex(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
}

/// <summary>The protocol's own message, which Apollo clients look for before sending the query text.</summary>
public sealed class PersistedQueryNotFoundError : RequestError
{
    public PersistedQueryNotFoundError(string hash)
        : base("PersistedQueryNotFound") => Extensions = new Dictionary<string, object?> { ["reason"] = $"No query is known by the hash {hash}; send it with its text." };
}

/// <summary>The protocol's message for a version this server does not speak (only 1 exists).</summary>
public sealed class PersistedQueryNotSupportedError(string? version) : RequestError($"PersistedQueryNotSupported: version {version ?? "(none)"}; this server speaks version 1.");

public sealed class PersistedQueryHashMissingError() : RequestError("extensions.persistedQuery.sha256Hash is required.");

public sealed class PersistedQueryBadHashError(string hash) : RequestError($"The hash {hash} is not the SHA-256 of the query sent with it.");
