using System.Collections.Concurrent;
using System.Net;
using LocalDapr.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using SpaceOfSport.TestSupport;

namespace LocalDapr.Tests.Resiliency;

// Contract: https://docs.dapr.io/operations/resiliency/policies/ (timeouts, retries, circuit breakers) and
// https://docs.dapr.io/operations/resiliency/targets/#apps: an app target's policies apply to service invocation of
// that app from every sidecar; any non-2xx answer is a failure, and after the last retry the caller gets the app's own
// answer (dapr/dapr#7052). An open circuit fails at once, without calling the app.
public sealed class ServiceInvocationResiliencyTests
{
    [Fact]
    public async Task A_retry_policy_calls_the_app_again_with_the_same_body_until_it_answers_2xx()
    {
        await using var bed = await TestBed.StartAsync(Policy("retry: quick"), failFirst: 2);

        using var response = await bed.InvokeAsync(HttpMethod.Post, "order-7");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        bed.Bodies.Should().Equal("order-7", "order-7", "order-7");
    }

    [Fact]
    public async Task When_the_retries_run_out_the_caller_gets_the_apps_last_answer()
    {
        await using var bed = await TestBed.StartAsync(Policy("retry: quick"), failFirst: 100);

        using var response = await bed.InvokeAsync(HttpMethod.Post, "order-8");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Be("busy 4");
        bed.Bodies.Should().HaveCount(4, "one call and maxRetries 3");
    }

    [Fact]
    public async Task Without_a_policy_a_failed_call_is_not_retried()
    {
        await using var bed = await TestBed.StartAsync(Policy("timeout: slow"), failFirst: 1);

        using var response = await bed.InvokeAsync(HttpMethod.Post, "once");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        bed.Bodies.Should().ContainSingle();
    }

    [Fact]
    public async Task A_timeout_cancels_an_attempt_that_runs_longer_and_answers_err_direct_invoke()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await TestBed.StartAsync(Policy("timeout: short"), failFirst: 0, clock: clock, appDelay: TimeSpan.FromMinutes(5));

        var call = bed.InvokeAsync(HttpMethod.Post, "slow");
        await Eventually.UntilAsync(() => !bed.Bodies.IsEmpty, "the app to receive the call");
        clock.Advance(TimeSpan.FromSeconds(2));
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ERR_DIRECT_INVOKE").And.Contain("timed out after 2000 ms");
    }

    [Fact]
    public async Task A_circuit_breaker_opens_when_its_trip_holds_rejects_calls_without_reaching_the_app_and_half_opens_after_its_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await TestBed.StartAsync(Policy("circuitBreaker: fragile"), failFirst: 3, clock: clock);

        for (var i = 0; i < 3; i++) (await bed.InvokeAsync(HttpMethod.Post, $"failing {i}")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        using var rejected = await bed.InvokeAsync(HttpMethod.Post, "rejected");

        rejected.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await rejected.Content.ReadAsStringAsync()).Should().Contain("ERR_DIRECT_INVOKE").And.Contain("circuit breaker 'fragile'");
        bed.Bodies.Should().HaveCount(3, "an open circuit does not call the app");

        clock.Advance(TimeSpan.FromSeconds(29));
        (await bed.InvokeAsync(HttpMethod.Post, "still open")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await bed.InvokeAsync(HttpMethod.Post, "half-open probe")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await bed.InvokeAsync(HttpMethod.Post, "closed again")).StatusCode.Should().Be(HttpStatusCode.OK);
        bed.Bodies.Should().EndWith(["half-open probe", "closed again"]);
    }

    [Fact]
    public async Task A_half_open_circuit_opens_again_on_a_failure()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await TestBed.StartAsync(Policy("circuitBreaker: fragile"), failFirst: 4, clock: clock);

        for (var i = 0; i < 3; i++) await bed.InvokeAsync(HttpMethod.Post, $"failing {i}");
        clock.Advance(TimeSpan.FromSeconds(30));
        (await bed.InvokeAsync(HttpMethod.Post, "half-open probe fails")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        (await bed.InvokeAsync(HttpMethod.Post, "rejected")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        bed.Bodies.Should().HaveCount(4);
    }

    private static string Policy(string target) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: test-resiliency
        spec:
          policies:
            timeouts:
              short: 2s
              slow: 1m
            retries:
              quick:
                policy: constant
                duration: 10ms
                maxRetries: 3
            circuitBreakers:
              fragile:
                maxRequests: 1
                timeout: 30s
                trip: consecutiveFailures >= 3
          targets:
            apps:
              target:
                {target}
        """;

    /// <summary>A target app that answers 503 to its first calls, and a caller sidecar to invoke it through.</summary>
    private sealed class TestBed : IAsyncDisposable
    {
        private readonly ComponentsFolder _folder;
        private readonly LocalDaprRuntime _runtime;
        private readonly DaprTestApp _target;
        private readonly DaprTestApp _caller;

        private TestBed(ComponentsFolder folder, LocalDaprRuntime runtime, DaprTestApp target, DaprTestApp caller, ConcurrentQueue<string> bodies)
        {
            (_folder, _runtime, _target, _caller, Bodies) = (folder, runtime, target, caller, bodies);
        }

        public ConcurrentQueue<string> Bodies { get; }

        public static async Task<TestBed> StartAsync(string resiliency, int failFirst, TimeProvider? clock = null, TimeSpan? appDelay = null)
        {
            var folder = ComponentsFolder.Create(Backends.InMemoryState, resiliency);
            var runtime = LocalDaprRuntime.Create(clock: clock);
            var bodies = new ConcurrentQueue<string>();
            var target = await DaprTestApp.StartAsync(runtime, "target", folder.Path, map: app => app.MapPost("/orders", async (HttpContext context) =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                bodies.Enqueue(body);
                if (appDelay is { } delay) await Task.Delay(delay, context.RequestAborted);
                return bodies.Count <= failFirst ? Results.Text($"busy {bodies.Count}", statusCode: 503) : Results.Text($"done {body}");
            }));
            var caller = await DaprTestApp.StartAsync(runtime, "caller", folder.Path);
            return new TestBed(folder, runtime, target, caller, bodies);
        }

        public async Task<HttpResponseMessage> InvokeAsync(HttpMethod method, string body)
        {
            using var http = new HttpClient { BaseAddress = _caller.Sidecar.HttpEndpoint };
            using var request = new HttpRequestMessage(method, "/v1.0/invoke/target/method/orders") { Content = new StringContent(body) };
            return await http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            await _caller.DisposeAsync();
            await _target.DisposeAsync();
            await _runtime.DisposeAsync();
            _folder.Dispose();
        }
    }
}
