using System.Net.WebSockets;
using LocalDapr;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.Gateway;

/// <summary>
/// One local runtime with "catalog" and "identity" services behind their sidecars, a storefront, a notifications hub, and the gateway
/// wired to all of them as the launcher wires it.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string CatalogAppToken = "catalog-app-token";

    public const string IdentityAppToken = "identity-app-token";

    public LocalDaprRuntime Runtime { get; } = LocalDaprRuntime.Create();

    public FakeService Catalog { get; private set; } = null!;

    public FakeService Identity { get; private set; } = null!;

    public PlainApp Storefront { get; private set; } = null!;

    public PlainApp Hub { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    public async Task InitializeAsync()
    {
        Catalog = await FakeService.StartAsync(Runtime, "catalog", CatalogAppToken);
        Identity = await FakeService.StartAsync(Runtime, "identity", IdentityAppToken);
        Storefront = await PlainApp.StartAsync(app => app.Map("/{**path}", (HttpContext context) =>
            Results.Content($"<html>storefront page {context.Request.Path}</html>", "text/html")));
        Hub = await PlainApp.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Map("/ws", EchoWebSocketAsync);
            app.MapPost("/ws/negotiate", () => Results.Text("negotiated"));
        });
        Gateway = await GatewayHost.StartAsync(Runtime, new Dictionary<string, string?>
        {
            ["Storefront:Url"] = Storefront.Address.ToString(),
            ["Services:notifications"] = Hub.Address.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Hub.DisposeAsync();
        await Storefront.DisposeAsync();
        await Identity.DisposeAsync();
        await Catalog.DisposeAsync();
        await Runtime.DisposeAsync();
    }

    private static async Task EchoWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }
    }
}
