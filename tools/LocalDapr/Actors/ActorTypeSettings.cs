namespace LocalDapr.Actors;

/// <summary>Per-type actor settings from the app's <c>/dapr/config</c>.</summary>
public sealed record ActorTypeSettings(TimeSpan IdleTimeout, bool ReentrancyEnabled, int MaxStackDepth);
