namespace LocalDapr.Bindings;

/// <summary>What an output binding answered (https://docs.dapr.io/reference/api/bindings_api/).</summary>
public sealed record BindingResponse(byte[] Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>The request is wrong for this binding (unknown operation, missing metadata): gRPC InvalidArgument.</summary>
public sealed class BindingRequestException(string message) : Exception(message);

/// <summary>An output binding: the app calls it through the sidecar.</summary>
public interface IOutputBinding
{
    IReadOnlyCollection<string> Operations { get; }

    Task<BindingResponse> InvokeAsync(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);
}

/// <summary>One event an input binding hands to the app.</summary>
public sealed record InputBindingEvent(byte[] Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>An input binding: the sidecar reads events from it and POSTs each to the app's route.</summary>
public interface IInputBinding
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires; <paramref name="deliver"/> returns false when the app failed.</summary>
    Task RunAsync(Func<InputBindingEvent, CancellationToken, Task<bool>> deliver, CancellationToken cancellationToken);
}
