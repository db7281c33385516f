namespace LocalDapr.Resiliency;

/// <summary>
/// One circuit breaker's state, with the semantics of the breaker daprd uses (sony/gobreaker): closed counts calls and
/// opens when the trip condition holds after a failure; open rejects every call until its timeout has passed; half-open
/// lets <c>maxRequests</c> calls through, closing after that many successes and opening again on any failure. A change
/// of state, or the interval passing while closed, starts a new generation with zero counts; results of calls started
/// in an older generation are not counted.
/// </summary>
public sealed class CircuitBreaker(CircuitBreakerPolicy policy, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private BreakerState _state = BreakerState.Closed;
    private BreakerCounts _counts = BreakerCounts.Zero;
    private long _generation;
    private DateTimeOffset? _expiry = policy.Interval > TimeSpan.Zero ? clock.GetUtcNow() + policy.Interval : null;

    public CircuitBreakerPolicy Policy { get; } = policy;

    public BreakerState State
    {
        get
        {
            lock (_gate) return Current(clock.GetUtcNow());
        }
    }

    /// <summary>Admits a call: its generation, to hand back with the result; null when the breaker rejects it.</summary>
    public long? TryEnter()
    {
        lock (_gate)
        {
            var state = Current(clock.GetUtcNow());
            if (state == BreakerState.Open) return null;
            if (state == BreakerState.HalfOpen && _counts.Requests >= Policy.MaxRequests) return null;
            _counts = _counts.WithRequest();
            return _generation;
        }
    }

    public void Record(long generation, bool succeeded)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var state = Current(now);
            if (generation != _generation) return;
            if (succeeded)
            {
                _counts = _counts.WithSuccess();
                if (state == BreakerState.HalfOpen && _counts.ConsecutiveSuccesses >= Policy.MaxRequests) MoveTo(BreakerState.Closed, now);
                return;
            }

            _counts = _counts.WithFailure();
            if (state == BreakerState.HalfOpen || (state == BreakerState.Closed && Policy.Trip.IsMet(_counts))) MoveTo(BreakerState.Open, now);
        }
    }

    private BreakerState Current(DateTimeOffset now)
    {
        if (_state == BreakerState.Closed && _expiry is { } clearAt && clearAt <= now) NewGeneration(now);
        else if (_state == BreakerState.Open && _expiry is { } halfOpenAt && halfOpenAt <= now) MoveTo(BreakerState.HalfOpen, now);
        return _state;
    }

    private void MoveTo(BreakerState state, DateTimeOffset now)
    {
        _state = state;
        NewGeneration(now);
    }

    private void NewGeneration(DateTimeOffset now)
    {
        _generation++;
        _counts = BreakerCounts.Zero;
        _expiry = _state switch
        {
            BreakerState.Closed => Policy.Interval > TimeSpan.Zero ? now + Policy.Interval : null,
            BreakerState.Open => now + Policy.Timeout,
            _ => null,
        };
    }
}
