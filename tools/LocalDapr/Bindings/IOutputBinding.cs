namespace LocalDapr.Bindings;

/// <summary>An output binding: the app calls it through the sidecar.</summary>
public interface IOutputBinding
{
    IReadOnlyCollection<string> Operations { get; }

    Task<BindingResponse> InvokeAsync(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);
}
