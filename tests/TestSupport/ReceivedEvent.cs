using System.Text.Json;

namespace SpaceOfSport.TestSupport;

/// <summary>A CloudEvent as the broker carried it.</summary>
public sealed record ReceivedEvent(string Id, string Type, JsonElement Data);
