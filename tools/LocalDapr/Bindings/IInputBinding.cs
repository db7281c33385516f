namespace LocalDapr.Bindings;

/// <summary>An input binding: the sidecar reads events from it and POSTs each to the app's route.</summary>
public interface IInputBinding
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires; <paramref name="deliver"/> returns false when the app failed.</summary>
    Task RunAsync(Func<InputBindingEvent, CancellationToken, Task<bool>> deliver, CancellationToken cancellationToken);
}
