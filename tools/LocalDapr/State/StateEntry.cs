namespace LocalDapr.State;

/// <summary>A stored value with its ETag (an opaque version string).</summary>
public sealed record StateEntry(byte[] Value, string ETag);
