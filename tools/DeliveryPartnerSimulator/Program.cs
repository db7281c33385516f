using System.Text.Json;
using DeliveryPartnerSimulator;

// Development command: sends a delivery partner's signed events to the shop, e.g.
//   dotnet run --project tools/DeliveryPartnerSimulator -- journey SOS-2026-000001
// Arguments: shipped|delivered|journey ORDER-NUMBER [--return RETURN-ID] [--url URL] [--secret whsec_...] [--delay SECONDS]
if (args.Length < 2 || args[0] is not ("shipped" or "delivered" or "journey"))
{
    Console.Error.WriteLine("usage: shipped|delivered|journey ORDER-NUMBER [--return RETURN-ID] [--url http://localhost:8080] [--secret whsec_...] [--delay 2]");
    return 2;
}

var options = args.Skip(2).Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var url = options.GetValueOrDefault("--url", "http://localhost:8080");
var secret = options.GetValueOrDefault("--secret") ?? Environment.GetEnvironmentVariable("DELIVERY_WEBHOOK_SECRET") ?? DevelopmentSecret();
Guid? returnId = options.TryGetValue("--return", out var text) ? Guid.Parse(text) : null;
var delay = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--delay", "2"), System.Globalization.CultureInfo.InvariantCulture));

var partner = new DeliveryPartner(secret);
var shipment = partner.Shipment(args[1], returnId);
using var http = new HttpClient { BaseAddress = new Uri(url) };
if (args[0] is "shipped" or "journey")
{
    if (!await SendAsync(partner.Shipped(shipment), $"shipped with {shipment.Carrier}, tracking {shipment.TrackingNumber} ({shipment.TrackingUrl})")) return 1;
    if (args[0] == "journey") await Task.Delay(delay);
}
if (args[0] is "delivered" or "journey")
{
    if (!await SendAsync(partner.Delivered(shipment), "delivered")) return 1;
}
return 0;

async Task<bool> SendAsync(SignedDelivery delivery, string what)
{
    try
    {
        using var response = await DeliveryPartner.SendAsync(http, delivery);
        Console.WriteLine($"{args[1]}: {what} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.IsSuccessStatusCode;
    }
    catch (HttpRequestException exception)
    {
        Console.Error.WriteLine($"{args[1]}: {what} → not sent: {exception.Message} (is the shop running at {url}?)");
        return false;
    }
}

// The development value ordering reads from the embedded profile's secret store (never a real secret).
static string DevelopmentSecret()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "components", "embedded", "secrets.json"))) directory = directory.Parent;
    if (directory is null) throw new InvalidOperationException("components/embedded/secrets.json not found: pass --secret");
    using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "components", "embedded", "secrets.json")));
    return secrets.RootElement.GetProperty("delivery").GetProperty("webhookSecret").GetString()!;
}
