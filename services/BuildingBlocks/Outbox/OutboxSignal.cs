namespace SpaceOfSport.BuildingBlocks.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as events were saved, so they don't wait for the next poll. The
/// <see cref="OutboxSaveChangesInterceptor"/> pulses it; polling still covers rows written by another instance.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every row saved so far.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
