using System.Text;

namespace SpaceOfSport.Notifications.Sms;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SmsEncoding>))]
public enum SmsEncoding { Gsm7, Ucs2 }

/// <summary>
/// How a text travels as SMS (3GPP TS 23.038 / 23.040): in the GSM 7-bit alphabet when every character is in it (160
/// septets in one message, 153 per part once split, the extension characters such as € or { costing two and never cut
/// in half), otherwise in UCS-2 (70 UTF-16 units alone, 67 per part, a surrogate pair never cut in half).
/// </summary>
public sealed record SmsSegments(SmsEncoding Encoding, IReadOnlyList<string> Parts)
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    /// <summary>Septets a character takes in the GSM 7-bit alphabet (1, or 2 for the extension table), 0 when it has none there.</summary>
    public static int Septets(char c) => Basic.Contains(c) ? 1 : Extension.Contains(c) ? 2 : 0;

    public static bool IsGsm7(string text) => text.All(c => Septets(c) > 0);

    public static SmsSegments Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsGsm7(text) ? SplitGsm7(text) : SplitUcs2(text);
    }

    private static SmsSegments SplitGsm7(string text)
    {
        if (text.Sum(Septets) <= Gsm7Single) return new(SmsEncoding.Gsm7, [text]);
        List<string> parts = [];
        var part = new StringBuilder();
        var septets = 0;
        foreach (var c in text)
        {
            var cost = Septets(c);
            if (septets + cost > Gsm7Part)
            {
                parts.Add(part.ToString());
                part.Clear();
                septets = 0;
            }
            part.Append(c);
            septets += cost;
        }
        parts.Add(part.ToString());
        return new(SmsEncoding.Gsm7, parts);
    }

    private static SmsSegments SplitUcs2(string text)
    {
        if (text.Length <= Ucs2Single) return new(SmsEncoding.Ucs2, [text]);
        List<string> parts = [];
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(Ucs2Part, text.Length - start);
            // A character outside the BMP is two UTF-16 units: both go in the same part.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1])) length--;
            parts.Add(text.Substring(start, length));
            start += length;
        }
        return new(SmsEncoding.Ucs2, parts);
    }
}
