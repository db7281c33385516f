namespace LocalDapr.State;

/// <summary>The ETag given cannot be one this store issued: Dapr answers gRPC InvalidArgument / HTTP 400.</summary>
public sealed class InvalidETagException(string key, string etag) : Exception($"invalid etag '{etag}' for key '{key}'")
{
    public string Key { get; } = key;
}
