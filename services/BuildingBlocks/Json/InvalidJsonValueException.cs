using System.Text.Json;

namespace SpaceOfSport.BuildingBlocks.Json;

/// <summary>
/// A JSON value that is well-formed but not allowed, with a message fit for the caller (no .NET type names): the
/// serializer adds the path, and <see cref="Http.BadRequestProblems"/> turns it into a validation problem for that field.
/// </summary>
public sealed class InvalidJsonValueException(string message) : JsonException(message);
