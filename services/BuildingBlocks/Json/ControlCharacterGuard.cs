using System.Text.Json;
using System.Text.Json.Serialization;
using SpaceOfSport.BuildingBlocks.Validation;

namespace SpaceOfSport.BuildingBlocks.Json;

/// <summary>
/// Every string read from JSON (values and object keys) may hold tabs and line breaks but no other control character
/// (<see cref="TextRules.IsFreeText"/>), so a NUL never reaches a database or a log, whichever field it was sent in.
/// Single-line fields are held to the stricter <see cref="TextRules.IsSingleLine"/> by each service's validation.
/// </summary>
public sealed class ControlCharacterGuard : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new InvalidJsonValueException("must be a string"));

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(string value) => TextRules.IsFreeText(value) ? value : throw new InvalidJsonValueException(TextRules.FreeTextMessage);
}
