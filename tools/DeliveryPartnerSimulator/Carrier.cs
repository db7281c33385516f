namespace DeliveryPartnerSimulator;

/// <summary>A carrier as partners report it: its name, a tracking number in its own format, and its public tracking page.</summary>
public sealed record Carrier(string Name, Func<Random, string> NewTrackingNumber, Func<string, string> TrackingUrl)
{
    public static readonly IReadOnlyList<Carrier> All =
    [
        new("DHL", random => Digits(random, 10), number => $"https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={number}"),
        new("UPS", random => "1Z" + Alphanumeric(random, 6) + Digits(random, 10), number => $"https://www.ups.com/track?tracknum={number}"),
        new("DPD", random => Digits(random, 14), number => $"https://tracking.dpd.de/parcelstatus?query={number}"),
        new("GLS", random => Digits(random, 11), number => $"https://gls-group.com/track/{number}"),
    ];

    private static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private static string Alphanumeric(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[random.Next(34)]));
}
