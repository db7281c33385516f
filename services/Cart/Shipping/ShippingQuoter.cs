namespace SpaceOfSport.Cart.Shipping;

/// <summary>A parcel's contents: one entry per line (unit weight and dimensions, quantity).</summary>
public sealed record ParcelItem(int Quantity, int WeightGrams, int LengthMm, int WidthMm, int HeightMm);

/// <summary>Where the parcel goes. Coordinates, when given, place the shopper for click and collect.</summary>
public sealed record ShippingDestination(string Country, string? Region, string? PostalCode, double? Latitude, double? Longitude);

public sealed record ShippingQuote(
    string Method,
    long PriceMinor,
    string Currency,
    bool Free,
    DateOnly EarliestDelivery,
    DateOnly LatestDelivery,
    DateTimeOffset OrderBy,
    IReadOnlyList<StoreDistance>? Stores);

public sealed record StoreDistance(string Id, string Name, string City, string Country, double DistanceKm);

public sealed record ShippingQuotes(int ChargeableWeightGrams, IReadOnlyList<ShippingQuote> Quotes);

/// <summary>
/// Quotes every method the destination's zone offers, from the data files: chargeable weight is, per unit, the greater
/// of the actual and the dimensional weight; delivery counts business days (Monday to Friday) from dispatch, which is
/// today before the warehouse's cut-off and the next business day after it. Click and collect lists the nearest stores
/// by great-circle distance.
/// </summary>
public sealed class ShippingQuoter
{
    private const double EarthRadiusKm = 6371.0088;

    private readonly ShippingRateFile _rates = RuleFiles.Read<ShippingRateFile>("shipping/shipping-rates.json");
    private readonly StoreFile _stores = RuleFiles.Read<StoreFile>("shipping/stores.json");
    private readonly LocationFile _locations = RuleFiles.Read<LocationFile>("shipping/locations.json");
    private readonly TimeZoneInfo _warehouseZone;
    private readonly TimeOnly _cutOff;

    public ShippingQuoter()
    {
        _warehouseZone = TimeZoneInfo.FindSystemTimeZoneById(_rates.CutOff.TimeZone);
        _cutOff = TimeOnly.Parse(_rates.CutOff.Time, System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Currency => _rates.Currency;

    public IReadOnlyList<Store> Stores => _stores.Stores;

    /// <summary>Per unit, the greater of the actual weight and the dimensional weight (cm³ / divisor = kg, so mm³ / divisor = g).</summary>
    public int ChargeableGrams(IEnumerable<ParcelItem> items) => (int)Math.Min(int.MaxValue, items.Sum(item =>
    {
        var volumeMm3 = (long)item.LengthMm * item.WidthMm * item.HeightMm;
        var dimensionalGrams = (long)Math.Ceiling(volumeMm3 / (double)_rates.DimensionalDivisorCm3PerKg);
        return Math.Max(item.WeightGrams, dimensionalGrams) * item.Quantity;
    }));

    public ShippingQuotes Quote(IReadOnlyList<ParcelItem> items, long goodsValueMinor, ShippingDestination destination, DateTimeOffset now)
    {
        var grams = ChargeableGrams(items);
        var zone = ZoneOf(destination.Country);
        var dispatch = DispatchDay(now, out var orderBy);
        var quotes = new List<ShippingQuote>();
        foreach (var method in ShippingMethods.All.Where(zone.Methods.ContainsKey))
        {
            var rate = zone.Methods[method];
            var free = rate.FreeOverMinor is { } threshold && goodsValueMinor >= threshold;
            quotes.Add(new ShippingQuote(method, free ? 0 : PriceOf(rate, grams), _rates.Currency, free,
                AddBusinessDays(dispatch, rate.BusinessDays[0]), AddBusinessDays(dispatch, rate.BusinessDays[^1]), orderBy, null));
        }

        var stores = NearestStores(destination);
        if (stores.Count > 0)
        {
            var collect = _rates.ClickAndCollect;
            quotes.Add(new ShippingQuote(ShippingMethods.ClickAndCollect, collect.PriceMinor, _rates.Currency, collect.PriceMinor == 0,
                AddBusinessDays(dispatch, collect.BusinessDays[0]), AddBusinessDays(dispatch, collect.BusinessDays[^1]), orderBy, stores));
        }
        return new ShippingQuotes(grams, quotes);
    }

    /// <summary>The stores within reach of the destination, nearest first.</summary>
    public IReadOnlyList<StoreDistance> NearestStores(ShippingDestination destination)
    {
        if (LocationOf(destination) is not { } here) return [];
        return [.. _stores.Stores
            .Select(s => new StoreDistance(s.Id, s.Name, s.City, s.Country, Math.Round(GreatCircleKm(here, new Coordinates(s.Latitude, s.Longitude)), 1)))
            .Where(s => s.DistanceKm <= _rates.ClickAndCollect.MaxDistanceKm)
            .OrderBy(s => s.DistanceKm).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(_rates.ClickAndCollect.StoresShown)];
    }

    /// <summary>Haversine distance on a sphere of the Earth's mean radius.</summary>
    public static double GreatCircleKm(Coordinates a, Coordinates b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private Coordinates? LocationOf(ShippingDestination destination)
    {
        if (destination is { Latitude: { } latitude, Longitude: { } longitude }) return new Coordinates(latitude, longitude);
        if (destination.PostalCode is { Length: > 0 } postal && _locations.PostalRegions.TryGetValue(destination.Country, out var regions)
            && regions.TryGetValue(postal[..1], out var region)) return region;
        return _locations.Countries.GetValueOrDefault(destination.Country);
    }

    private ShippingZone ZoneOf(string country) =>
        _rates.Zones.FirstOrDefault(z => z.Countries.Contains(country)) ?? _rates.Zones.First(z => z.Countries.Contains("*"));

    private static long PriceOf(MethodRate rate, int grams)
    {
        if (rate.Bands.FirstOrDefault(b => grams <= b.UpToGrams) is { } band) return band.PriceMinor;
        var last = rate.Bands[^1];
        var extraKg = (long)Math.Ceiling((grams - last.UpToGrams) / 1000.0);
        return last.PriceMinor + extraKg * rate.PerExtraKgMinor;
    }

    /// <summary>The warehouse's dispatch day for an order placed <paramref name="now"/>, and the cut-off to meet for it.</summary>
    private DateOnly DispatchDay(DateTimeOffset now, out DateTimeOffset orderBy)
    {
        var local = TimeZoneInfo.ConvertTime(now, _warehouseZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (!IsBusinessDay(day) || TimeOnly.FromDateTime(local.DateTime) >= _cutOff) day = AddBusinessDays(day, 1);
        var cutOffLocal = day.ToDateTime(_cutOff);
        orderBy = new DateTimeOffset(cutOffLocal, _warehouseZone.GetUtcOffset(cutOffLocal));
        return day;
    }

    private static bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateOnly AddBusinessDays(DateOnly day, int days)
    {
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day)) days--;
        }
        return day;
    }
}
