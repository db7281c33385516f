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
