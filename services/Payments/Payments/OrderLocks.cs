namespace SpaceOfSport.Payments.Payments;

/// <summary>
/// Serializes work on one order inside this process (a create retried at once, a webhook beside a refund), so Stripe
/// sees one request where it would otherwise see a race. Across replicas the unique indexes and the payment's version
/// still decide; this only spares the losers a round trip. Striped: a fixed set of locks, never one per order.
/// </summary>
public sealed class OrderLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> AcquireAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(orderId.GetHashCode() & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }
}
