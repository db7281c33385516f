using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.PubSub;

/// <summary>What the test apps received: one entry per delivery, in arrival order.</summary>
public sealed class Inbox
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public IReadOnlyList<Delivery> To(string path) => Deliveries.Where(d => d.Path == path).ToList();

    /// <summary>Records the request as the endpoint sees it (after UseCloudEvents, when the app uses it).</summary>
    public async Task<Delivery> RecordAsync(HttpRequest request, string appId)
    {
        using var reader = new StreamReader(request.Body);
        var delivery = new Delivery(appId, request.Path, request.ContentType ?? "", await reader.ReadToEndAsync(), request.Headers.TraceParent.ToString());
        _deliveries.Enqueue(delivery);
        return delivery;
    }

    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, string? path = null)
    {
        await Eventually.UntilAsync(() => (path is null ? Deliveries : To(path)).Count >= count,
            $"{count} deliveries{(path is null ? "" : " to " + path)}",
            context: () => string.Join('\n', Deliveries.Select(d => $"{d.AppId} {d.Path} {d.Body}")));
        return path is null ? Deliveries : To(path);
    }

    public sealed record Delivery(string AppId, string Path, string ContentType, string Body, string TraceParent)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }
}
