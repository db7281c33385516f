using LocalDapr.Components;
using LocalDapr.Resiliency;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Components;

// Contract: https://docs.dapr.io/reference/resource-specs/ (component, subscription and resiliency schemas).
public sealed class ResourceLoaderTests
{
    [Fact]
    public void Reads_components_subscriptions_and_resiliency_from_several_documents()
    {
        using var folder = ComponentsFolder.Create("""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.in-memory
              version: v1
              metadata:
                - name: keyPrefix
                  value: name
                - name: password
                  secretKeyRef:
                    name: db
                    key: password
            auth:
              secretStore: secrets
            scopes: [cart, ordering]
            ---
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata:
              name: orders
            spec:
              pubsubname: pubsub
              topic: orders
              routes:
                rules:
                  - match: event.type == "order.paid"
                    path: /paid
                default: /orders
              deadLetterTopic: orders-dead
            scopes: [ordering]
            """, """
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: resiliency
            spec:
              policies:
                timeouts:
                  general: 5s
                retries:
                  deliveries:
                    policy: exponential
                    duration: 500ms
                    maxInterval: 30s
                    maxRetries: 10
              targets:
                actors:
                  CheckoutProcess:
                    retry: deliveries
                components:
                  pubsub:
                    inbound:
                      retry: deliveries
            """);

        var resources = ResourceLoader.LoadFolders([folder.Path]);

        var state = resources.Components.Should().ContainSingle().Subject;
        state.Type.Should().Be("state.in-memory");
        state.Scopes.Should().Equal("cart", "ordering");
        state.Metadata["keyprefix"].Literal.Should().Be("name");
        state.Metadata["password"].SecretRef.Should().Be(new SecretKeyRef("db", "password"));
        state.AuthSecretStore.Should().Be("secrets");

        var subscription = resources.Subscriptions.Should().ContainSingle().Subject;
        subscription.DefaultRoute.Should().Be("/orders");
        subscription.Rules.Should().Equal(new RouteRule("event.type == \"order.paid\"", "/paid"));
        subscription.DeadLetterTopic.Should().Be("orders-dead");
        subscription.IsVisibleTo("cart").Should().BeFalse();

        var resiliency = resources.Resiliencies.Should().ContainSingle().Subject;
        resiliency.Timeouts["general"].Should().Be(TimeSpan.FromSeconds(5));
        resiliency.Retries["deliveries"].Should().Be(new RetryPolicy("exponential", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), 10));
        resiliency.ComponentsInbound["pubsub"].Retry.Should().Be("deliveries");
        resiliency.Actors["CheckoutProcess"].Retry.Should().Be("deliveries");
    }

    [Fact]
    public void Two_components_with_one_name_are_refused()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState, Backends.InMemoryState);

        var load = () => ResourceLoader.LoadFolders([folder.Path]);

        load.Should().Throw<ResourceLoadException>().WithMessage("*'statestore' is defined twice*");
    }

    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h0m0s0ms", 3_600_000)]
    [InlineData("250ms", 250)]
    [InlineData("PT5S", 5_000)]
    [InlineData("PT1M", 60_000)]
    [InlineData("2", 2_000)]
    public void Durations_in_dapr_formats(string text, int milliseconds)
    {
        DaprDuration.Parse(text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void Iso_repetitions_are_reported()
    {
        DaprDuration.TryParse("R3/PT10S", out var period, out var repetitions).Should().BeTrue();
        period.Should().Be(TimeSpan.FromSeconds(10));
        repetitions.Should().Be(3);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("")]
    public void Nonsense_is_not_a_duration(string text)
    {
        DaprDuration.TryParse(text, out _, out _).Should().BeFalse();
    }
}
