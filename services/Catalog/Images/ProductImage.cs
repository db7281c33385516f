using System.Globalization;

namespace SpaceOfSport.Catalog.Images;

/// <summary>
/// The seed catalog's pictures: SVGs generated on request from the image name alone, so the same URL always gives the
/// same picture and nothing has to be shipped or stored. Name: <c>&lt;kind&gt;-&lt;colour&gt;-&lt;number&gt;</c>,
/// e.g. <c>shoe-blue-000042</c>.
/// </summary>
public static class ProductImage
{
    /// <summary>Where the catalog serves product pictures; a product's relative image URLs live under it.</summary>
    public const string Route = "/images/products";

    public const string ContentType = "image/svg+xml";

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["black"] = "#1f2328",
        ["white"] = "#f4f4f4",
        ["red"] = "#d1242f",
        ["blue"] = "#0969da",
        ["navy"] = "#1b2a4a",
        ["green"] = "#1a7f37",
        ["grey"] = "#8c959f",
        ["orange"] = "#e16f24",
        ["yellow"] = "#eac54f",
        ["pink"] = "#e85aad",
    };

    private static readonly Dictionary<string, string> Shapes = new(StringComparer.Ordinal)
    {
        ["shoe"] = "M40 200 C60 150 110 140 150 120 L200 110 C230 150 300 160 350 175 C370 185 370 215 350 220 L60 225 C45 222 38 212 40 200 Z",
        ["apparel"] = "M120 60 L170 40 C180 60 220 60 230 40 L280 60 L330 120 L290 145 L270 125 L270 330 L130 330 L130 125 L110 145 L70 120 Z",
        ["ball"] = "M200 80 A120 120 0 1 0 200.1 80 Z M200 140 L245 172 L228 225 L172 225 L155 172 Z",
        ["equipment"] = "M90 180 L310 180 L310 220 L90 220 Z M60 150 L90 150 L90 250 L60 250 Z M310 150 L340 150 L340 250 L310 250 Z",
    };

    public static bool IsValidName(string name)
    {
        var parts = name.Split('-');
        return parts.Length == 3 && Shapes.ContainsKey(parts[0]) && Colours.ContainsKey(parts[1]) && parts[2].Length is > 0 and <= 8 && parts[2].All(char.IsAsciiDigit);
    }

    public static string Svg(string name)
    {
        var parts = name.Split('-');
        var fill = Colours[parts[1]];
        // A background hue from the name, so neighbouring products look different.
        var hue = name.Aggregate(2166136261u, (hash, c) => (hash ^ c) * 16777619u) % 360;
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
              <rect width="400" height="400" fill="hsl({hue}, 35%, 92%)"/>
              <path d="{Shapes[parts[0]]}" fill="{fill}" stroke="#333" stroke-width="3" fill-rule="evenodd"/>
              <text x="200" y="380" font-family="sans-serif" font-size="20" text-anchor="middle" fill="#555">Space of Sport #{parts[2]}</text>
            </svg>
            """);
    }
}
