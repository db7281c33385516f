using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalDapr.Sidecar;

/// <summary>
/// The sidecar's HTTP API: health, metadata, service invocation, publish and shutdown
/// (https://docs.dapr.io/reference/api/). Actor endpoints are mapped by the actors feature.
/// </summary>
public static class DaprHttpApi
{
    public static void MapDaprHttpApi(this IEndpointRouteBuilder endpoints, Sidecar sidecar)
    {
        var api = endpoints.MapGroup("/v1.0");
        api.MapGet("/healthz", () => Results.NoContent());
        api.MapGet("/healthz/outbound", () => Results.NoContent());
        api.MapGet("/metadata", () => Results.Json(new
        {
            id = sidecar.AppId,
            runtimeVersion = Sidecar.RuntimeVersion,
            components = sidecar.ComponentManifests.Select(m => new { name = m.Name, type = m.Type, version = m.Version }),
        }));
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
                await sidecar.Blocks.PublishAsync(pubsub, topic, body.ToArray(), context.Request.ContentType ?? "application/json",
                    metadata, context.Request.Headers.TraceParent.ToString(), context.RequestAborted);
                return Results.NoContent();
            });
        });

        endpoints.MapStateHttpApi(sidecar);
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
