using System.Collections.Concurrent;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.PubSub;

/// <summary>Keeps every log line of a runtime, so a test can wait for the sidecar to settle a message.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public int Count(params string[] fragments) => Lines.Count(line => fragments.All(f => line.Contains(f, StringComparison.Ordinal)));

    /// <summary>Waits until <paramref name="count"/> lines contain all <paramref name="fragments"/>.</summary>
    public Task WaitForAsync(int count, params string[] fragments) =>
        Eventually.UntilAsync(() => Count(fragments) >= count, $"{count} log line(s) with '{string.Join("', '", fragments)}'", context: () => string.Join('\n', Lines));

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
