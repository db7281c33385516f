namespace LocalDapr.Components;

public sealed record TimeoutPolicy(TimeSpan Value);
