using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpaceOfSport.BuildingBlocks.Json;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): one byte sequence per JSON value, so a hash over it is reproducible by
/// any auditor's JCS library. Object members sorted by their names' UTF-16 code units, no whitespace, strings escaped as
/// ECMAScript's JSON.stringify does, numbers as ECMAScript's Number.prototype.toString prints IEEE 754 doubles, UTF-8.
/// No JCS package is available here, so this follows the RFC's sections 3.2.2 and 3.2.3 directly.
/// </summary>
public static class JsonCanonicalization
{
    /// <summary>
    /// SHA-256 (lowercase hex) of <paramref name="state"/>'s canonical JSON (web naming): the before/after digests the audit
    /// ledger records, reproducible by anyone holding the state.
    /// </summary>
    public static string DigestOf<T>(T state) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Serialize(JsonSerializer.SerializeToElement(state, JsonSerializerOptions.Web))));

    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>; refuses what JCS cannot express (NaN, infinities, lone surrogates).</summary>
    public static byte[] Serialize(JsonElement value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The canonical form of the JSON text <paramref name="json"/>, as a string.</summary>
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Encoding.UTF8.GetString(Serialize(document.RootElement));
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!, text);
                break;
            case JsonValueKind.Number:
                // JCS reads every number as an IEEE 754 double (I-JSON), whatever digits the input spelled it with.
                text.Append(FormatNumber(double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first) text.Append(',');
                    first = false;
                    Write(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.Object:
                var members = value.EnumerateObject().ToList();
                // String.CompareOrdinal compares UTF-16 code units, the order RFC 8785 section 3.2.3 prescribes.
                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    if (i > 0 && members[i].Name == members[i - 1].Name) throw new FormatException($"Duplicate member name '{members[i].Name}'");
                    WriteString(members[i].Name, text);
                    text.Append(':');
                    Write(members[i].Value, text);
                }
                text.Append('}');
                break;
            default:
                throw new FormatException($"Unexpected JSON value kind {value.ValueKind}");
        }
    }

    /// <summary>
    /// ECMAScript's JSON string serialization: quote and backslash escaped, the five short control escapes, other
    /// control characters as \u00xx in lowercase hex, everything else (non-ASCII included) as is.
    /// </summary>
    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) throw new FormatException($"Lone surrogate U+{(int)c:X4} at {i} cannot be encoded in UTF-8");
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }

    /// <summary>
    /// ECMAScript's Number.prototype.toString (ECMA-262, Number::toString) for a finite double: the shortest digits that
    /// round-trip (.NET's "R" gives them), placed as plain decimal when the exponent allows, else as d.ddde±n.
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value)) throw new FormatException($"{value} has no JSON representation");
        if (value == 0) return "0"; // -0 too
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        // n: where the decimal point falls relative to the digits (value = 0.digits × 10^n).
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= leadingZeros;
        var k = digits.Length;

        var sign = value < 0 ? "-" : "";
        if (k <= n && n <= 21) return sign + digits + new string('0', n - k);
        if (0 < n && n <= 21) return sign + digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return sign + "0." + new string('0', -n) + digits;
        var e = n - 1;
        var exponentText = (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? $"{sign}{digits}e{exponentText}" : $"{sign}{digits[0]}.{digits[1..]}e{exponentText}";
    }
}
