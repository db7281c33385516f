using System.Runtime.ExceptionServices;

namespace LocalDapr.Resiliency;

/// <summary>
/// The policies that apply to one target, run as daprd runs them: each attempt passes the circuit breaker and runs
/// under the timeout; a failed attempt is retried per the retry policy, except when the breaker rejected it (an open
/// circuit fails at once). After the last attempt the caller gets its result or its error, as the target gave it.
/// </summary>
public sealed class ResiliencyPolicy(string target, TimeSpan? timeout, RetryPolicy? retry, CircuitBreaker? breaker, TimeProvider clock)
{
    public string Target { get; } = target;

    public TimeSpan? Timeout { get; } = timeout;

    public RetryPolicy? Retry { get; } = retry;

    public CircuitBreaker? Breaker { get; } = breaker;

    public bool IsEmpty => Timeout is null && Retry is null && Breaker is null;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or the retries run out. An attempt fails when it throws (other
    /// than by <paramref name="cancellationToken"/>), times out, or returns what <paramref name="failed"/> calls a failure;
    /// a failed result that is retried is disposed. <paramref name="fallbackRetry"/> applies when no retry policy targets this.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, Func<T, bool> failed, CancellationToken cancellationToken,
        RetryPolicy? fallbackRetry = null)
    {
        var retryPolicy = Retry ?? fallbackRetry;
        // No policy: one attempt as it is (most invocations), without the per-attempt token sources.
        if (retryPolicy is null && Timeout is null && Breaker is null) return await attempt(cancellationToken);
        for (var retries = 0; ; retries++)
        {
            if (retries > 0) await Task.Delay(retryPolicy!.DelayBefore(retries), clock, cancellationToken);
            long? generation = null;
            if (Breaker is not null)
                generation = Breaker.TryEnter() ?? throw new CircuitOpenException(Target, Breaker.Policy);

            using var deadline = Timeout is { } limit ? new CancellationTokenSource(limit, clock) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            T result = default!;
            Exception? error = null;
            try
            {
                result = await attempt(linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                error = new AttemptTimeoutException(Target, Timeout!.Value);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                error = e;
            }

            var succeeded = error is null && !failed(result);
            if (generation is { } admitted) Breaker!.Record(admitted, succeeded);
            if (succeeded || retryPolicy is null || !retryPolicy.Allows(retries + 1))
            {
                if (error is not null) ExceptionDispatchInfo.Throw(error);
                return result;
            }

            (result as IDisposable)?.Dispose();
        }
    }

    /// <summary>Runs one call under the timeout alone, for callers that do their own retries.</summary>
    public Task<T> ExecuteOnceAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        new ResiliencyPolicy(Target, Timeout, null, Breaker, clock).ExecuteAsync(attempt, _ => false, cancellationToken);
}
