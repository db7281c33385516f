namespace LocalDapr.State;

/// <summary>
/// A Dapr state store (https://docs.dapr.io/reference/api/state_api/). Every write goes through
/// <see cref="TransactAsync"/>, which is all or nothing: an ETag mismatch on any operation leaves every key as it was.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken);

    Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken);

    /// <summary>
    /// The live keys that start with <paramref name="prefix"/>: not part of Dapr's state API, the runtime's own
    /// bookkeeping (the outbox finds the messages it has not delivered yet after a restart).
    /// </summary>
    Task<IReadOnlyList<string>> KeysStartingWithAsync(string prefix, CancellationToken cancellationToken);
}
