using LocalDapr.Components;
using LocalDapr.Sidecar;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Resiliency;

// Contract: https://docs.dapr.io/operations/resiliency/ — what the local runtime cannot apply as daprd does, it refuses
// at start, naming the file and the policy, instead of reading it and doing nothing.
public sealed class ResiliencyRefusalTests
{
    [Theory]
    [InlineData("retries: {r: {policy: constant, duration: 1s, matching: {httpStatusCodes: \"500-599\"}}}", "apps: {a: {retry: r}}", "retry 'r'", "matching")]
    [InlineData("circuitBreakers: {cb: {trip: \"consecutiveFailures > 2 && requests * 2 > 10\"}}", "apps: {a: {circuitBreaker: cb}}", "circuit breaker 'cb'", "trip")]
    [InlineData("timeouts: {t: 1s}", "apps: {a: {timeout: missing}}", "targets.apps.a", "'missing'")]
    [InlineData("timeouts: {t: 1s}", "components: {statestore: {outbound: {timeout: t}}}", "targets.components.statestore", "outbound")]
    [InlineData("circuitBreakers: {cb: {trip: consecutiveFailures > 2}}", "actors: {Cart: {circuitBreaker: cb}}", "targets.actors.Cart", "circuitBreaker")]
    [InlineData("circuitBreakers: {cb: {trip: consecutiveFailures > 2}}", "components: {pubsub: {inbound: {circuitBreaker: cb}}}", "targets.components.pubsub.inbound", "circuitBreaker")]
    [InlineData("retries: {DefaultRetryPolicy: {policy: constant, duration: 1s}}", "apps: {}", "DefaultRetryPolicy", "default policies")]
    [InlineData("timeouts: {t: soon}", "apps: {}", "timeout 't'", "'soon'")]
    public async Task A_policy_the_runtime_would_not_apply_stops_it_at_start_naming_file_and_policy(string policies, string targets, string named, string problem)
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        var file = folder.Write("resiliency.yaml", $$"""
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: refused
            spec:
              policies: {{{policies}}}
              targets: {{{targets}}}
            """);
        await using var runtime = LocalDaprRuntime.Create();

        var start = () => runtime.StartSidecarAsync(new SidecarOptions { AppId = "a", ResourcesPaths = [folder.Path] });

        var error = (await start.Should().ThrowAsync<ResourceLoadException>()).Which;
        error.Message.Should().Contain(file).And.Contain("resiliency 'refused'").And.Contain(named).And.Contain(problem);
    }

    [Fact]
    public async Task The_shops_own_resiliency_file_is_applied_without_refusal()
    {
        var shop = Path.Combine(Artifacts.RepositoryRoot, "components");
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        File.Copy(Path.Combine(shop, "resiliency.yaml"), Path.Combine(folder.Path, "resiliency.yaml"));
        await using var runtime = LocalDaprRuntime.Create();

        var sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = "gateway", ResourcesPaths = [folder.Path] });

        sidecar.Resiliency.ForApp("catalog").IsEmpty.Should().BeFalse();
    }
}
