using SpaceOfSport.Contracts;

namespace SpaceOfSport.Gateway.Tests.Contracts;

public sealed class IntegrationEventTests
{
    // CloudEvents 1.0 "type" attribute: https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md#type
    [Fact]
    public void An_event_names_its_cloud_event_type_and_topic_by_convention()
    {
        IntegrationEvent.CloudEventType<OrderPlaced>().Should().Be("spaceofsport.ordering.order-placed.v1");
        IntegrationEvent.Topic<OrderPlaced>().Should().Be("ordering-order-placed-v1");
        IntegrationEvent.CloudEventType<PriceChangedV2>().Should().Be("spaceofsport.catalog.price-changed.v2");
        IntegrationEvent.Topic<PriceChangedV2>().Should().Be("catalog-price-changed-v2");
    }

    [Fact]
    public void A_new_event_has_a_uuid_v7_id_and_a_utc_time()
    {
        var before = DateTimeOffset.UtcNow;

        var placed = new OrderPlaced(Guid.CreateVersion7());

        placed.Id.Version.Should().Be(7);
        placed.OccurredAt.Offset.Should().Be(TimeSpan.Zero);
        placed.OccurredAt.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow);
        new OrderPlaced(placed.OrderId).Id.Should().NotBe(placed.Id);
    }

    [Fact]
    public void An_event_without_the_attribute_has_no_type()
    {
        var name = () => IntegrationEvent.CloudEventType<Unnamed>();

        name.Should().Throw<InvalidOperationException>().WithMessage("*Unnamed*");
    }

    [Theory]
    [InlineData("Ordering", "order-placed")]
    [InlineData("ordering", "order placed")]
    [InlineData("ordering", "order.placed")]
    [InlineData("", "order-placed")]
    public void Names_must_be_lowercase_kebab_case(string domain, string name)
    {
        var create = () => new IntegrationEventAttribute(domain, name);

        create.Should().Throw<ArgumentException>();
    }

    [IntegrationEvent("ordering", "order-placed")]
    private sealed record OrderPlaced(Guid OrderId) : IntegrationEvent;

    [IntegrationEvent("catalog", "price-changed", version: 2)]
    private sealed record PriceChangedV2(string Sku, long AmountMinor, string Currency) : IntegrationEvent;

    private sealed record Unnamed : IntegrationEvent;
}
