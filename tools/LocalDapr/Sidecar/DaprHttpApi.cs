using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalDapr.Sidecar;

/// <summary>
/// The sidecar's HTTP API: health, metadata, service invocation, publish and shutdown
/// (https://docs.dapr.io/reference/api/). Actor endpoints are mapped by the actors feature.
/// </summary>
public static class DaprHttpApi
{
    public static void MapDaprHttpApi(this IEndpointRouteBuilder endpoints, LocalSidecar sidecar)
    {
        var api = endpoints.MapGroup("/v1.0");
        api.MapGet("/healthz", () => Results.NoContent());
        api.MapGet("/healthz/outbound", () => Results.NoContent());
        api.MapGet("/metadata", () => Results.Json(SidecarMetadata.ToJson(SidecarMetadata.Describe(sidecar))));
        // https://docs.dapr.io/reference/api/metadata_api/#add-a-custom-label-to-the-dapr-sidecar: the body is the value.
        api.MapPut("/metadata/{key}", async (string key, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            sidecar.ExtendedMetadata[key] = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            return Results.NoContent();
        });
        api.MapPost("/shutdown", () =>
        {
            sidecar.RequestShutdown();
            return Results.NoContent();
        });

        api.Map("/invoke/{appId}/method/{**method}", (HttpContext context, string appId, string? method, ServiceInvocation invocation) =>
            invocation.InvokeAsync(context, appId, method ?? ""));

        api.MapPost("/publish/{pubsub}/{**topic}", async (HttpContext context, string pubsub, string topic) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var metadata = context.Request.Query
                .Where(q => q.Key.StartsWith("metadata.", StringComparison.Ordinal))
                .ToDictionary(q => q.Key["metadata.".Length..], q => q.Value.ToString());
            return await Guard(async () =>
            {
                await sidecar.Operations.PublishAsync(pubsub, topic, body.ToArray(), context.Request.ContentType ?? "application/json",
                    metadata, context.Request.Headers.TraceParent.ToString(), context.RequestAborted);
                return Results.NoContent();
            });
        });

        // https://docs.dapr.io/reference/api/pubsub_api/#publish-multiple-messages-to-a-given-topic: 204 when every
        // entry was published, else 500 with the failed entries.
        endpoints.MapPost("/v1.0-alpha1/publish/bulk/{pubsub}/{**topic}", async (HttpContext context, string pubsub, string topic) => await Guard(async () =>
        {
            JsonArray? items;
            try
            {
                items = await JsonSerializer.DeserializeAsync<JsonArray>(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException e)
            {
                throw DaprApiException.BadRequest("ERR_PUBSUB_EVENTS_SER", $"error when unmarshaling the request for topic {topic} pubsub {pubsub}: {e.Message}");
            }

            var entries = (items ?? []).Select(BulkEntry).ToList();
            var failed = await sidecar.Operations.BulkPublishAsync(pubsub, topic, entries, QueryMetadata(context),
                context.Request.Headers.TraceParent.ToString(), context.RequestAborted);
            if (failed.Count == 0) return Results.NoContent();
            return Results.Json(new
            {
                failedEntries = failed.Select(f => new { entryId = f.EntryId, error = f.Error }),
                errorCode = "ERR_PUBSUB_PUBLISH_MESSAGE",
            }, statusCode: StatusCodes.Status500InternalServerError);
        }));

        endpoints.MapStateHttpApi(sidecar);

        // https://docs.dapr.io/reference/api/bindings_api/#invoking-output-bindings
        api.MapMethods("/bindings/{name}", ["POST", "PUT"], async (string name, OutputBindingHttpRequest request, HttpContext context) => await Guard(async () =>
        {
            var data = request.Data is { } json
                ? json.ValueKind == JsonValueKind.String ? System.Text.Encoding.UTF8.GetBytes(json.GetString()!) : JsonSerializer.SerializeToUtf8Bytes(json)
                : [];
            var result = await sidecar.Operations.InvokeBindingAsync(name, request.Operation ?? "", data, request.Metadata ?? [], context.RequestAborted);
            foreach (var (key, value) in result.Metadata) context.Response.Headers[$"Metadata.{key}"] = value;
            return result.Data.Length == 0 ? Results.NoContent() : Results.Bytes(result.Data, "application/json");
        }));

        // https://docs.dapr.io/reference/api/secrets_api/
        api.MapGet("/secrets/{store}/bulk", async (string store, HttpContext context) => await Guard(async () =>
            Results.Json(await sidecar.Operations.GetBulkSecretAsync(store, context.RequestAborted))));
        api.MapGet("/secrets/{store}/{key}", async (string store, string key, HttpContext context) => await Guard(async () =>
            Results.Json(await sidecar.Operations.GetSecretAsync(store, key, context.RequestAborted))));
    }

    private static Dictionary<string, string> QueryMetadata(HttpContext context) =>
        context.Request.Query
            .Where(q => q.Key.StartsWith("metadata.", StringComparison.Ordinal))
            .ToDictionary(q => q.Key["metadata.".Length..], q => q.Value.ToString());

    /// <summary>One entry <c>{entryId, event, contentType, metadata}</c>: a string event is its text, anything else its JSON.</summary>
    private static BulkPublishEntry BulkEntry(JsonNode? node)
    {
        if (node is not JsonObject item) throw DaprApiException.BadRequest("ERR_PUBSUB_EVENTS_SER", "each bulk publish entry must be a JSON object");
        var data = item["event"] is JsonValue text && text.TryGetValue<string>(out var value)
            ? System.Text.Encoding.UTF8.GetBytes(value)
            : System.Text.Encoding.UTF8.GetBytes(item["event"]?.ToJsonString() ?? "null");
        var metadata = (item["metadata"] as JsonObject ?? []).ToDictionary(m => m.Key, m => m.Value?.ToString() ?? "");
        return new BulkPublishEntry(item["entryId"]?.ToString() ?? "", data, item["contentType"]?.ToString(), metadata);
    }

    /// <summary>Answers a Dapr API error as daprd does: the HTTP status plus <c>{errorCode, message}</c>.</summary>
    public static async Task<IResult> Guard(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (DaprApiException e)
        {
            return Results.Json(new JsonObject { ["errorCode"] = e.ErrorCode, ["message"] = e.Message }, (JsonSerializerOptions?)null, null, (int)e.HttpStatus);
        }
    }
}
