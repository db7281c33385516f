using System.Globalization;

namespace StripeSandbox.Api;

/// <summary>
/// The form-encoded parameters of a Stripe request (https://docs.stripe.com/api/request-format): nested keys in brackets
/// (<c>metadata[order_id]</c>, <c>automatic_payment_methods[enabled]</c>), lists as <c>key[0]</c> or <c>key[]</c>.
/// Like Stripe, an unknown top-level parameter is an error naming it.
/// </summary>
public sealed class StripeForm
{
    private readonly Dictionary<string, string> _values;

    private StripeForm(Dictionary<string, string> values) => _values = values;

    public static async Task<StripeForm> ReadAsync(HttpRequest request, params string[] allowed)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form) values[key] = value.ToString();
        }
        foreach (var (key, value) in request.Query) values.TryAdd(key, value.ToString());
        var parsed = new StripeForm(values);
        var known = new HashSet<string>(allowed.Append("expand"), StringComparer.Ordinal);
        foreach (var key in values.Keys)
        {
            if (!known.Contains(TopLevel(key))) throw StripeErrorException.UnknownParameter(TopLevel(key));
        }
        return parsed;
    }

    /// <summary>The parameters in a canonical order: what decides whether a reused idempotency key means the same request.</summary>
    public static string Fingerprint(IEnumerable<KeyValuePair<string, string>> values) =>
        string.Join("&", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));

    public string? String(string key) => _values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public string Required(string key) => String(key) ?? throw StripeErrorException.InvalidRequest($"Missing required param: {key}.", key, "parameter_missing");

    public long? Long(string key)
    {
        if (String(key) is not { } text) return null;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw StripeErrorException.InvalidRequest($"Invalid integer: {text}", key, "parameter_invalid_integer");
        return value;
    }

    public bool? Bool(string key) => String(key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw StripeErrorException.InvalidRequest($"Invalid boolean: {other}", key, "parameter_invalid_boolean"),
    };

    /// <summary>The entries of a hash parameter, e.g. <c>metadata[k]=v</c> → k: v.</summary>
    public Dictionary<string, string> Hash(string key) => _values
        .Where(v => v.Key.StartsWith(key + "[", StringComparison.Ordinal) && v.Key.EndsWith(']'))
        .ToDictionary(v => v.Key[(key.Length + 1)..^1], v => v.Value, StringComparer.Ordinal);

    /// <summary>The items of a list parameter, <c>key[0]</c>, <c>key[1]</c> or <c>key[]</c>.</summary>
    public List<string> List(string key) => [.. _values
        .Where(v => v.Key.StartsWith(key + "[", StringComparison.Ordinal))
        .OrderBy(v => v.Key, StringComparer.Ordinal)
        .Select(v => v.Value)];

    public bool Has(string key) => _values.Keys.Any(k => k == key || k.StartsWith(key + "[", StringComparison.Ordinal));

    private static string TopLevel(string key) => key.IndexOf('[', StringComparison.Ordinal) is var bracket and > 0 ? key[..bracket] : key;
}
