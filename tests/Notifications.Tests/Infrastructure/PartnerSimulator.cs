using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalDapr.Sidecar;
using StandardWebhooks;

namespace SpaceOfSport.Notifications.Tests.Infrastructure;

/// <summary>
/// A partner receiving the shop's webhooks over real HTTP (Kestrel on 127.0.0.1): each test uses its own path
/// (<see cref="NewPartner"/>), tells the simulator the secret the shop showed, and chooses what the partner answers
/// (a status, or a delay). Every message is checked twice: by an HMAC-SHA256 over <c>id.timestamp.body</c> written
/// here from the Standard Webhooks specification (independent of the shop's code) and by the reference
/// implementation's <c>Sign</c> (the <c>StandardWebhooks</c> package).
/// </summary>
public sealed class PartnerSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Partner> _partners = new();

    private PartnerSimulator(WebApplication app, int port)
    {
        _app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public static async Task<PartnerSimulator> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var simulator = new PartnerSimulator(app, port);
        app.MapPost("/hooks/{name}", simulator.ReceiveAsync);
        await app.StartAsync();
        return simulator;
    }

    /// <summary>A partner of its own, answering 200 until told otherwise.</summary>
    public Partner NewPartner()
    {
        var partner = new Partner($"{BaseUrl}/hooks/{Guid.NewGuid():N}");
        _partners[partner.Name] = partner;
        return partner;
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        if (!_partners.TryGetValue(name, out var partner)) return Results.NotFound();
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers["webhook-id"].ToString();
        var timestamp = request.Headers["webhook-timestamp"].ToString();
        var signatures = request.Headers["webhook-signature"].ToString();
        partner.Received.Enqueue(new ReceivedWebhook(id, timestamp, body, signatures,
            VerifiedIndependently: partner.Secret is { } secret && IndependentlyVerified(secret, id, timestamp, body, signatures),
            VerifiedByReference: partner.Secret is { } reference && ReferenceVerified(reference, id, timestamp, body, signatures)));
        if (partner.Delay is { } delay) await Task.Delay(delay);
        return Results.StatusCode(partner.Status);
    }

    private static bool IndependentlyVerified(string secret, string id, string timestamp, string body, string signatures)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatures.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    private static bool ReferenceVerified(string secret, string id, string timestamp, string body, string signatures)
    {
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, CultureInfo.InvariantCulture));
        return signatures.Split(' ').Contains(new StandardWebhook(secret).Sign(id, sentAt, body));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed class Partner(string url)
    {
        public string Url { get; } = url;

        public string Name => Url[(Url.LastIndexOf('/') + 1)..];

        /// <summary>The signing secret the shop showed when the endpoint was registered (or rotated).</summary>
        public string? Secret { get; set; }

        /// <summary>What the partner answers.</summary>
        public int Status { get; set; } = StatusCodes.Status200OK;

        public TimeSpan? Delay { get; set; }

        public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    }
}

/// <summary>A message as the partner got it, and whether its signature held.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Body, string Signatures, bool VerifiedIndependently, bool VerifiedByReference)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
