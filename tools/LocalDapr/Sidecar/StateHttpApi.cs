using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalDapr.State;

namespace LocalDapr.Sidecar;

/// <summary>The state endpoints of the sidecar's HTTP API (https://docs.dapr.io/reference/api/state_api/).</summary>
public static class StateHttpApi
{
    public static void MapStateHttpApi(this IEndpointRouteBuilder endpoints, LocalSidecar sidecar)
    {
        var state = endpoints.MapGroup("/v1.0/state/{store}");

        state.MapGet("/{key}", (HttpContext context, string store, string key) => DaprHttpApi.Guard(async () =>
        {
            var entry = await sidecar.Operations.GetStateAsync(store, key, context.RequestAborted);
            if (entry is null) return Results.NoContent();
            context.Response.Headers.ETag = entry.ETag;
            return Results.Bytes(entry.Value, "application/json");
        }));

        // A save of several items is not a transaction in Dapr: each item is written on its own.
        state.MapPost("/", (HttpContext context, string store) => DaprHttpApi.Guard(async () =>
        {
            var items = await ReadBodyAsync(context) as JsonArray ?? throw Malformed("the body must be a JSON array of state items");
            var queryMetadata = QueryMetadata(context);
            foreach (var item in items)
                await sidecar.Operations.WriteStateAsync(store, [Operation(StateOperationKind.Upsert, item, queryMetadata)], context.RequestAborted);
            return Results.NoContent();
        }));

        state.MapDelete("/{key}", (HttpContext context, string store, string key) => DaprHttpApi.Guard(async () =>
        {
            var etag = context.Request.Headers.IfMatch.ToString();
            var concurrency = context.Request.Query["concurrency"].ToString();
            var operation = new StateOperation(StateOperationKind.Delete, key, ETag: etag.Length == 0 ? null : etag, Concurrency: Concurrency(concurrency));
            await sidecar.Operations.WriteStateAsync(store, [operation], context.RequestAborted);
            return Results.NoContent();
        }));

        state.MapMethods("/bulk", [HttpMethods.Post, HttpMethods.Put], (HttpContext context, string store) => DaprHttpApi.Guard(async () =>
        {
            var body = await ReadBodyAsync(context) as JsonObject ?? throw Malformed("the body must be a JSON object with keys");
            var keys = (body["keys"] as JsonArray ?? throw Malformed("'keys' must be an array of strings"))
                .Select(k => k?.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : throw Malformed("'keys' must be an array of strings"))
                .ToList();
            var parallelism = body["parallelism"]?.GetValueKind() == JsonValueKind.Number ? body["parallelism"]!.GetValue<int>() : 0;
            var items = await sidecar.Operations.GetBulkStateAsync(store, keys, parallelism, context.RequestAborted);
            var response = new JsonArray();
            foreach (var (key, entry) in items)
            {
                var item = new JsonObject { ["key"] = key };
                if (entry is not null)
                {
                    item["data"] = DataNode(entry.Value);
                    item["etag"] = entry.ETag;
                }

                response.Add(item);
            }

            return Results.Json(response);
        }));

        state.MapMethods("/transaction", [HttpMethods.Post, HttpMethods.Put], (HttpContext context, string store) => DaprHttpApi.Guard(async () =>
        {
            var body = await ReadBodyAsync(context) as JsonObject ?? throw Malformed("the body must be a JSON object with operations");
            var metadata = QueryMetadata(context);
            if (body["metadata"] is JsonObject transactionMetadata)
            {
                foreach (var (name, value) in transactionMetadata) metadata[name] = value?.ToString() ?? "";
            }

            var operations = (body["operations"] as JsonArray ?? throw Malformed("'operations' must be an array"))
                .Select(o => ((o as JsonObject)?["operation"]?.ToString()) switch
                {
                    "upsert" => Operation(StateOperationKind.Upsert, o!["request"], metadata),
                    "delete" => Operation(StateOperationKind.Delete, o!["request"], metadata),
                    var other => throw DaprApiException.BadRequest("ERR_NOT_SUPPORTED_STATE_OPERATION", $"operation type {other} not supported"),
                })
                .ToList();
            await sidecar.Operations.WriteStateAsync(store, operations, context.RequestAborted, asTransaction: true);
            return Results.NoContent();
        }));
    }

    /// <summary>
    /// One item of a save or transaction: <c>{key, value, etag, metadata, options{concurrency}}</c>.
    /// </summary>
    private static StateOperation Operation(StateOperationKind kind, JsonNode? item, IReadOnlyDictionary<string, string> sharedMetadata)
    {
        if (item is not JsonObject request) throw Malformed("a state item must be a JSON object");
        var key = request["key"]?.GetValueKind() == JsonValueKind.String ? request["key"]!.GetValue<string>() : throw Malformed("a state item has no key");
        var metadata = new Dictionary<string, string>(sharedMetadata);
        if (request["metadata"] is JsonObject own)
        {
            foreach (var (name, value) in own) metadata[name] = value?.ToString() ?? "";
        }

        // The HTTP API's values are JSON: that is what an outbox publishes them as, unless the item says otherwise.
        metadata.TryAdd("contentType", request["contentType"]?.ToString() ?? "application/json");
        var concurrency = (request["options"] as JsonObject)?["concurrency"]?.ToString();
        var etag = request["etag"]?.ToString();
        // The value is kept as the JSON text it was sent as, so a GET returns the same JSON.
        var data = kind == StateOperationKind.Upsert && request["value"] is { } node ? Encoding.UTF8.GetBytes(node.ToJsonString()) : null;
        return new StateOperation(kind, key, kind == StateOperationKind.Upsert ? data ?? [] : null,
            ETag: string.IsNullOrEmpty(etag) ? null : etag,
            Concurrency: Concurrency(concurrency),
            Ttl: StateStoreExtensions.TtlFrom(metadata),
            Metadata: metadata);
    }

    private static StateConcurrency Concurrency(string? option) => option switch
    {
        "first-write" => StateConcurrency.FirstWrite,
        "last-write" => StateConcurrency.LastWrite,
        _ => StateConcurrency.Unspecified,
    };

    /// <summary>Bulk get answers JSON values as JSON and anything else as a string.</summary>
    private static JsonNode? DataNode(byte[] value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(Encoding.UTF8.GetString(value));
        }
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw Malformed($"the body is not JSON: {e.Message}");
        }
    }

    private static Dictionary<string, string> QueryMetadata(HttpContext context) =>
        context.Request.Query
            .Where(q => q.Key.StartsWith("metadata.", StringComparison.Ordinal))
            .ToDictionary(q => q.Key["metadata.".Length..], q => q.Value.ToString());

    private static DaprApiException Malformed(string message) => DaprApiException.BadRequest("ERR_MALFORMED_REQUEST", message);
}
