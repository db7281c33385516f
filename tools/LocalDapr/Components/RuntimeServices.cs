namespace LocalDapr.Components;

/// <summary>Process-wide services the runtime hands to components and sidecars.</summary>
public sealed record RuntimeServices(string BaseDirectory, TimeProvider Clock, Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory);
