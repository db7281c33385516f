using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace SpaceOfSport.BuildingBlocks.GraphQL;

/// <summary>
/// Parsed and validated documents by their text: clients send a handful of documents with variables, and parsing plus
/// the spec's validation rules cost the catalog more CPU than its search itself (BENCHMARKS.md, "Search path"). A document
/// is kept only after it validated; a cached one skips parsing and runs only <see cref="GraphQLValidation.PerRequestRules"/>
/// (the limits that depend on variables). Bounded: once full, new documents run uncached rather than evicting others.
/// </summary>
public sealed class GraphQLDocumentCache(GraphQLValidation validation) : IConfigureExecution
{
    public const int MaxDocuments = 1_000;

    /// <summary>Longer documents are not kept (a client that sends them is not the storefront).</summary>
    public const int MaxDocumentLength = 20_000;

    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public int Count => _documents.Count;

    /// <summary>After persisted queries (which turn a hash into the query text), before the executer.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { Length: <= MaxDocumentLength } query) return await next(options);
        if (_documents.TryGetValue(query, out var document))
        {
            options.Document = document;
            options.ValidationRules = validation.PerRequestRules;
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } validated && _documents.Count < MaxDocuments) _documents.TryAdd(query, validated);
        return result;
    }
}
