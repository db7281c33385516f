using System.Text.RegularExpressions;
using SpaceOfSport.BuildingBlocks.Validation;

namespace SpaceOfSport.Identity.Users;

/// <summary>Field checks for profiles and addresses; each failure is an entry of a validation problem.</summary>
public static partial class UserValidation
{
    public static void Email(string? email, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Trim().Length > 254 || !EmailPattern().IsMatch(email.Trim()) || !TextRules.IsSingleLine(email))
            errors["email"] = ["A valid email address is required."];
    }

    public static void Profile(string? name, string? phone, SizePreferences? sizes, Dictionary<string, string[]> errors, string? locale = null)
    {
        if (locale is not null && !LanguageTag().IsMatch(locale)) errors["locale"] = ["The locale must be a language tag such as es or de-AT."];
        if (name is { Length: > 200 }) errors["name"] = ["The name must be at most 200 characters."];
        else SingleLine(name, "name", errors);
        if (phone is not null && !E164().IsMatch(phone)) errors["phone"] = ["The phone number must be in E.164 format, e.g. +4915112345678."];
        if (sizes?.Shoe is { Length: > 16 }) errors["sizes.shoe"] = ["The shoe size must be at most 16 characters."];
        else SingleLine(sizes?.Shoe, "sizes.shoe", errors);
        if (sizes?.Apparel is { Length: > 16 }) errors["sizes.apparel"] = ["The apparel size must be at most 16 characters."];
        else SingleLine(sizes?.Apparel, "sizes.apparel", errors);
    }

    public static Dictionary<string, string[]> Address(AddressRequest address)
    {
        var errors = new Dictionary<string, string[]>();
        Required(address.Recipient, "recipient", 200, errors);
        Required(address.Line1, "line1", 200, errors);
        Required(address.City, "city", 100, errors);
        Required(address.PostalCode, "postalCode", 20, errors);
        if (address.Line2 is { Length: > 200 }) errors["line2"] = ["At most 200 characters."];
        else SingleLine(address.Line2, "line2", errors);
        if (address.Region is { Length: > 100 }) errors["region"] = ["At most 100 characters."];
        else SingleLine(address.Region, "region", errors);
        if (address.Country is null || !CountryCode().IsMatch(address.Country))
            errors["country"] = ["An ISO 3166-1 alpha-2 country code is required, e.g. DE."];
        return errors;
    }

    private static void Required(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["Required."];
        else if (value.Length > maxLength) errors[field] = [$"At most {maxLength} characters."];
        else SingleLine(value, field, errors);
    }

    /// <summary>Not free text, so no control characters (the shared rule, <see cref="TextRules"/>).</summary>
    private static void SingleLine(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not null && !TextRules.IsSingleLine(value)) errors[field] = [$"The {field} {TextRules.SingleLineMessage}."];
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();

    /// <summary>A language with an optional region (BCP 47's common shape): what message templates are chosen by.</summary>
    [GeneratedRegex("^[a-z]{2,3}(-[A-Z]{2})?$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
