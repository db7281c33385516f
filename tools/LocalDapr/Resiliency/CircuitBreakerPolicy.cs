namespace LocalDapr.Resiliency;

/// <summary>
/// A circuit breaker policy (https://docs.dapr.io/operations/resiliency/policies/circuit-breakers/): it opens when
/// <see cref="Trip"/> holds after a failure, rejects calls for <see cref="Timeout"/>, then lets <see cref="MaxRequests"/>
/// through half-open; <see cref="Interval"/> clears the counts while closed (zero: never).
/// </summary>
public sealed record CircuitBreakerPolicy(string Name, int MaxRequests, TimeSpan Interval, TimeSpan Timeout, TripCondition Trip);
