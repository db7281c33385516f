using System.Collections.Concurrent;

namespace LocalDapr.TestApp;

/// <summary>The ids of the actors whose reminder fired in this process.</summary>
public sealed class RungReminders
{
    public ConcurrentQueue<string> ActorIds { get; } = new();
}
