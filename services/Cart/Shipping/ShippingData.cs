namespace SpaceOfSport.Cart.Shipping;

/// <summary>Shipping/Data/shipping-rates.json: zones of countries, each with its methods' weight bands.</summary>
public sealed record ShippingRateFile(
    string Name,
    IReadOnlyList<string> Sources,
    string Currency,
    int DimensionalDivisorCm3PerKg,
    CutOff CutOff,
    IReadOnlyList<ShippingZone> Zones,
    ClickAndCollectRule ClickAndCollect);

public sealed record CutOff(string Time, string TimeZone);

/// <summary>A zone; the country <c>*</c> stands for every country no other zone lists.</summary>
public sealed record ShippingZone(string Name, IReadOnlyList<string> Countries, IReadOnlyDictionary<string, MethodRate> Methods);

/// <summary>
/// A method in a zone: the price of the lightest band holding the chargeable weight, then
/// <see cref="PerExtraKgMinor"/> per started kilogram above the last band; free when the goods reach
/// <see cref="FreeOverMinor"/>; delivered in <see cref="BusinessDays"/> (earliest, latest) after dispatch.
/// </summary>
public sealed record MethodRate(IReadOnlyList<WeightBand> Bands, long PerExtraKgMinor, long? FreeOverMinor, IReadOnlyList<int> BusinessDays);

public sealed record WeightBand(int UpToGrams, long PriceMinor);

public sealed record ClickAndCollectRule(long PriceMinor, IReadOnlyList<int> BusinessDays, double MaxDistanceKm, int StoresShown);

public sealed record StoreFile(string Name, IReadOnlyList<string> Sources, IReadOnlyList<Store> Stores);

public sealed record Store(string Id, string Name, string City, string Country, double Latitude, double Longitude);

public sealed record Coordinates(double Latitude, double Longitude);

public sealed record LocationFile(
    string Name,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Coordinates>> PostalRegions,
    IReadOnlyDictionary<string, Coordinates> Countries);

/// <summary>The shipping methods, as the API names them.</summary>
public static class ShippingMethods
{
    public const string Standard = "standard";
    public const string Express = "express";
    public const string NextDay = "next-day";
    public const string ClickAndCollect = "click-and-collect";

    public static IReadOnlyList<string> All { get; } = [Standard, Express, NextDay, ClickAndCollect];
}
