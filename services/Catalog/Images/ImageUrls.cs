using System.Text.RegularExpressions;

namespace SpaceOfSport.Catalog.Images;

/// <summary>
/// The one rule for a product's image URLs, which the storefront puts into pages: a relative path under the catalog's
/// own image route (<c>/images/products/shoe-blue-000042.svg</c>) or an absolute <c>https</c> URL with a host and no
/// credentials. Anything else (<c>javascript:</c>, <c>data:</c>, <c>http:</c>, protocol-relative <c>//host</c>,
/// <c>..</c> segments) is refused.
/// </summary>
public static partial class ImageUrls
{
    public const int MaxLength = 2048;

    public const string Rule = $"must be a path under {ProductImage.Route}/ or an https URL";

    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength) return false;
        if (url.StartsWith('/')) return RelativeImagePath().IsMatch(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo)
            && url.All(c => c is > ' ' and < '\u007f');
    }

    // Segments of letters, digits, '.', '_' and '-' that never start with a dot: no "..", no "//", no encoded tricks.
    [GeneratedRegex("^" + ProductImage.Route + "(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$")]
    private static partial Regex RelativeImagePath();
}
