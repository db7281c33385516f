namespace SpaceOfSport.BuildingBlocks;

/// <summary>The part of an app that only its Dapr sidecar calls.</summary>
public static class DaprCallbacks
{
    /// <summary>Paths only the sidecar calls: subscriptions and config (<c>/dapr/*</c>) and actors (<c>/actors/*</c>).</summary>
    public static readonly IReadOnlyList<PathString> Paths = ["/dapr", "/actors"];
}
