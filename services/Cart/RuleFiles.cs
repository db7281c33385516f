using System.Text.Json;
using SpaceOfSport.BuildingBlocks;

namespace SpaceOfSport.Cart;

/// <summary>Reads the rule files compiled into the service (Tax/Rules, Shipping/Data) by their logical names.</summary>
public static class RuleFiles
{
    private static readonly JsonSerializerOptions Json = JsonConventions.Create();

    public static T Read<T>(string logicalName)
    {
        using var stream = typeof(RuleFiles).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"rule file {logicalName} is not embedded in the cart service");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"rule file {logicalName} is empty");
    }
}
