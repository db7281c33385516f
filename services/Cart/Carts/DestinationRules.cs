using System.Text.RegularExpressions;
using SpaceOfSport.Cart.Tax;

namespace SpaceOfSport.Cart.Carts;

/// <summary>What a destination must look like: checked field by field, for the cart and for shipping quotes alike.</summary>
public static partial class DestinationRules
{
    /// <summary>The destination normalized (upper-case codes, trimmed), or the errors by field (prefixed with <paramref name="prefix"/>).</summary>
    public static (CartDestination? Destination, Dictionary<string, string[]> Errors) Check(
        string? country, string? region, string? postalCode, double? latitude, double? longitude, TaxCalculator tax, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        var code = country?.Trim().ToUpperInvariant() ?? "";
        if (!CountryCode().IsMatch(code)) errors[prefix + "country"] = ["must be an ISO 3166-1 alpha-2 code such as DE or US"];
        var state = string.IsNullOrWhiteSpace(region) ? null : region.Trim().ToUpperInvariant();
        if (errors.Count == 0 && tax.NeedsRegion(code) && (state is null || !tax.KnowsRegion(code, state)))
            errors[prefix + "region"] = [$"must be the two-letter code of a state of {code}"];
        else if (state is { Length: > 50 }) errors[prefix + "region"] = ["must be at most 50 characters"];
        var postal = string.IsNullOrWhiteSpace(postalCode) ? null : postalCode.Trim().ToUpperInvariant();
        if (postal is not null && errors.Count == 0 && !PostalPattern(code).IsMatch(postal)) errors[prefix + "postalCode"] = [$"is not a postal code of {code}"];
        if (latitude is null != longitude is null) errors[prefix + (latitude is null ? "latitude" : "longitude")] = ["give latitude and longitude together"];
        if (latitude is < -90 or > 90) errors[prefix + "latitude"] = ["must be between -90 and 90"];
        if (longitude is < -180 or > 180) errors[prefix + "longitude"] = ["must be between -180 and 180"];
        return errors.Count > 0 ? (null, errors) : (new CartDestination(code, state, postal, latitude, longitude), errors);
    }

    private static Regex PostalPattern(string country) => country switch
    {
        "US" => UsZip(),
        "DE" or "FR" or "IT" or "ES" or "FI" => FiveDigits(),
        "GB" => UkPostcode(),
        "NL" => DutchPostcode(),
        "AT" or "BE" or "DK" or "LU" or "CH" or "NO" => FourDigits(),
        _ => AnyPostcode(),
    };

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
    private static partial Regex UsZip();

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex FiveDigits();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex FourDigits();

    [GeneratedRegex(@"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")]
    private static partial Regex UkPostcode();

    [GeneratedRegex(@"^\d{4} ?[A-Z]{2}$")]
    private static partial Regex DutchPostcode();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 -]{1,9}$")]
    private static partial Regex AnyPostcode();
}
