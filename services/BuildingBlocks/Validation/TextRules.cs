namespace SpaceOfSport.BuildingBlocks.Validation;

/// <summary>
/// What a text field may contain. Control characters are never data a person typed: a NUL cannot even be stored in
/// PostgreSQL text, and the others corrupt logs, CSV exports and e-mail headers. Every string in a JSON body may hold
/// at most line breaks and tabs (<see cref="Json.ControlCharacterGuard"/>); a field that is not free text (a name, an
/// e-mail address, a SKU, a slug) holds none at all (<see cref="IsSingleLine"/>).
/// </summary>
public static class TextRules
{
    public const string SingleLineMessage = "must not contain control characters or line breaks";

    public const string FreeTextMessage = "must not contain control characters other than tabs and line breaks";

    /// <summary>True when <paramref name="value"/> has no control character at all (C0, DEL, C1; line breaks and tabs included).</summary>
    public static bool IsSingleLine(string value) => !value.Any(char.IsControl);

    /// <summary>True when <paramref name="value"/>'s only control characters are tabs and line breaks.</summary>
    public static bool IsFreeText(string value) => !value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
