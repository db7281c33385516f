using System.Text.Json;

namespace SpaceOfSport.Inventory.Tests.Infrastructure;

/// <summary>A CloudEvent as the broker carried it.</summary>
public sealed record ReceivedEvent(string Id, string Type, JsonElement Data);
