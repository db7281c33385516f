using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace LocalDapr.Components;

/// <summary>
/// Durations as Dapr accepts them: Go style (<c>1h2m3s4ms</c>, <c>500ms</c>), ISO 8601 (<c>PT5S</c>, <c>R3/PT10S</c>),
/// and plain seconds. See https://docs.dapr.io/developing-applications/building-blocks/actors/actors-timers-reminders/.
/// </summary>
public static partial class DaprDuration
{
    public static TimeSpan Parse(string text, string context = "")
    {
        if (TryParse(text, out var value, out _)) return value;
        throw new FormatException($"{context}{(context.Length > 0 ? ": " : "")}'{text}' is not a duration (expected e.g. 5s, 1m30s, PT5S)");
    }

    public static TimeSpan ParseOrDefault(string? text, TimeSpan fallback, string context = "") =>
        string.IsNullOrWhiteSpace(text) ? fallback : Parse(text, context);

    /// <summary>Parses a duration; ISO 8601 repetitions (<c>R3/PT10S</c>) come back in <paramref name="repetitions"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out int? repetitions)
    {
        value = TimeSpan.Zero;
        repetitions = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();

        if (text.StartsWith('R'))
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !int.TryParse(text.AsSpan(1, slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                return false;
            repetitions = count;
            text = text[(slash + 1)..];
        }

        if (text.StartsWith('P'))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var matches = GoDurationPart().Matches(text);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != text.Length) return false;
        foreach (Match m in matches)
        {
            var amount = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "us" or "µs" => TimeSpan.FromMicroseconds(amount),
                _ => TimeSpan.FromTicks((long)(amount / 100)),
            };
        }

        return true;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex GoDurationPart();
}
