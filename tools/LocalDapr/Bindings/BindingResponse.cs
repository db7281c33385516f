namespace LocalDapr.Bindings;

/// <summary>What an output binding answered (https://docs.dapr.io/reference/api/bindings_api/).</summary>
public sealed record BindingResponse(byte[] Data, IReadOnlyDictionary<string, string> Metadata);
