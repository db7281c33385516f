using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceOfSport.BuildingBlocks.Json;

/// <summary>
/// Enums as their defined names (read case-insensitively), or as a number only when the number is defined: an
/// undefined value (<c>"ageGroup": 99</c>) is refused at the door, naming the field, instead of being stored for every
/// later reader to trip over. <see cref="System.Text.Json.Serialization.JsonStringEnumConverter"/> accepts any number.
/// </summary>
public sealed class DefinedEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(DefinedEnumConverter<>).MakeGenericType(typeToConvert))!;
}

public sealed class DefinedEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(value => value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly string Allowed = $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}";

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when reader.GetString() is { } name && ByName.TryGetValue(name, out var named):
                return named;
            case JsonTokenType.Number when reader.TryGetInt64(out var number) && Defined(number) is { } numbered:
                return numbered;
            default:
                throw new InvalidJsonValueException(Allowed);
        }
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (Enum.IsDefined(value)) writer.WriteStringValue(value.ToString());
        else writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } name && ByName.TryGetValue(name, out var value) ? value : throw new InvalidJsonValueException(Allowed);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());

    private static TEnum? Defined(long number)
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == number) return value;
        }

        return null;
    }
}
