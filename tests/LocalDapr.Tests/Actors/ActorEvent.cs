namespace LocalDapr.Tests.Actors;

/// <summary>One thing a test actor saw: a reminder, a timer, a deactivation.</summary>
public sealed record ActorEvent(string Kind, string ActorId, string Name, string? Data, DateTimeOffset At);
