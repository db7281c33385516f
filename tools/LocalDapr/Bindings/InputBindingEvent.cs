namespace LocalDapr.Bindings;

/// <summary>One event an input binding hands to the app.</summary>
public sealed record InputBindingEvent(byte[] Data, IReadOnlyDictionary<string, string> Metadata);
