namespace LocalDapr.Resiliency;

/// <summary>An attempt ran past the target's timeout policy and was cancelled.</summary>
public sealed class AttemptTimeoutException(string target, TimeSpan timeout)
    : TimeoutException($"the call to {target} timed out after {timeout.TotalMilliseconds:0} ms (resiliency timeout)");
