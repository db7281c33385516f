namespace LocalDapr.Resiliency;

/// <summary>The target's circuit breaker rejected the call (daprd: "circuit breaker is open" / "too many requests").</summary>
public sealed class CircuitOpenException(string target, CircuitBreakerPolicy policy)
    : Exception($"circuit breaker '{policy.Name}' for {target} is open");
