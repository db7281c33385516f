using System.Collections.Concurrent;
using System.Net;
using LocalDapr.Sidecar;

namespace SpaceOfSport.Payments.Tests.Infrastructure;

/// <summary>A webhook endpoint for the sandbox's own tests: keeps every request; can fail the first few on purpose.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/webhook";
    }

    public string Url { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/webhook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var payload = await reader.ReadToEndAsync();
            var failing = Interlocked.Decrement(ref receiver._failuresLeft) >= 0;
            receiver.Received.Enqueue(new ReceivedWebhook(payload, request.Headers["Stripe-Signature"].ToString(), DateTimeOffset.UtcNow, failing));
            return failing ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> deliveries get a 500.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedWebhook(string Payload, string Signature, DateTimeOffset At, bool AnsweredWithError);
