namespace LocalDapr.State;

/// <summary>The ETag given does not match the stored one: Dapr answers gRPC Aborted / HTTP 409.</summary>
public sealed class ETagMismatchException(string key) : Exception($"possible etag mismatch for key '{key}'")
{
    public string Key { get; } = key;
}
