namespace LocalDapr.State;

/// <summary>
/// A Dapr state store (https://docs.dapr.io/reference/api/state_api/). Every write goes through
/// <see cref="TransactAsync"/>, which is all or nothing: an ETag mismatch on any operation leaves every key as it was.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken);

    Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken);
}
