namespace LocalDapr.Resiliency;

/// <summary>A circuit breaker's state.</summary>
public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}
