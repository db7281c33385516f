using SpaceOfSport.Cart.Tests.Infrastructure;
using SpaceOfSport.Contracts;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Identity;

namespace SpaceOfSport.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class EventTests(CartHosts hosts)
{
    private static readonly string ChangedType = IntegrationEvent.CloudEventType<CartChanged>();
    private static readonly string AbandonedType = IntegrationEvent.CloudEventType<CartAbandoned>();

    [Theory]
    [InlineData(CartHost.Sqlite)]
    [InlineData(CartHost.Redis)]
    public async Task Every_change_publishes_cart_changed_with_the_new_version(string backend)
    {
        var host = hosts[backend];
        using var shopper = host.NewShopper(Guid.CreateVersion7());
        var cart = await shopper.AddOkAsync(host.Catalog.Shirt().Sku, 1);
        cart = await shopper.AddOkAsync(host.Catalog.Shirt().Sku, 2);

        var changed = await host.Events.WaitForAsync(ChangedType, e => e.GetProperty("cartId").GetString() == cart.Id.ToString() && e.GetProperty("version").GetInt64() == 2);

        changed.Data.GetProperty("totalQuantity").GetInt32().Should().Be(3);
    }

    [Theory]
    [InlineData(CartHost.Sqlite)]
    [InlineData(CartHost.Redis)]
    public async Task Every_saved_change_of_concurrent_editors_publishes_its_version_once_and_lost_saves_publish_nothing(string backend)
    {
        var host = hosts[backend];
        var user = Guid.CreateVersion7();
        using var first = host.NewShopper(user);
        var cart = await first.AddOkAsync(host.Catalog.Shirt().Sku, 1);
        var tabs = Enumerable.Range(0, 4).Select(_ => host.NewShopper(user)).ToList();

        // Four tabs adding two lines each at once: their saves collide, lose, retry; every saved one is a version.
        await Task.WhenAll(tabs.Select(async tab =>
        {
            foreach (var _ in Enumerable.Range(0, 2)) await tab.AddOkAsync(host.Catalog.Shirt().Sku, 1);
        }));
        var final = await Shopper.Read<Carts.CartResponse>(await first.Http.GetAsync("/api/cart"), System.Net.HttpStatusCode.OK);
        bool OfThisCart(System.Text.Json.JsonElement e) => e.GetProperty("cartId").GetString() == cart.Id.ToString();
        List<long> Versions() => [.. host.Events.Received.Where(e => e.Type == ChangedType && OfThisCart(e.Data)).Select(e => e.Data.GetProperty("version").GetInt64())];
        await TestSupport.Eventually.UntilAsync(() => Versions().Count >= 9, "nine cart-changed events");

        final!.Version.Should().Be(9);
        Versions().Should().BeEquivalentTo(Enumerable.Range(1, 9).Select(v => (long)v), "each saved version is announced once, and only saved versions are");
        foreach (var tab in tabs) tab.Dispose();
    }

    [Theory]
    [InlineData(CartHost.Sqlite)]
    [InlineData(CartHost.Redis)]
    public async Task A_cart_left_untouched_is_reported_abandoned_once_and_again_after_new_changes(string backend)
    {
        var host = hosts[backend];
        var shirt = host.Catalog.Shirt().Sku;
        using var shopper = host.NewShopper(Guid.CreateVersion7());
        var cart = await shopper.AddOkAsync(shirt, 1);
        bool OfThisCart(System.Text.Json.JsonElement e) => e.GetProperty("cartId").GetString() == cart.Id.ToString();

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await host.Events.WaitForAsync(AbandonedType, OfThisCart);
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more sweeps
        host.Events.Received.Count(e => e.Type == AbandonedType && OfThisCart(e.Data)).Should().Be(1);

        // The shopper comes back: touching the lines starts a new abandonment.
        var again = await Shopper.Read<Carts.CartResponse>(await shopper.ChangeAsync(shirt, 2), System.Net.HttpStatusCode.OK);
        again!.Version.Should().Be(cart.Version + 1, "reporting an abandonment is not a change to the cart");
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await TestSupport.Eventually.UntilAsync(() => host.Events.Received.Count(e => e.Type == AbandonedType && OfThisCart(e.Data)) == 2, "the second abandonment");
    }

    [Fact]
    public async Task Deleting_the_account_erases_the_users_cart()
    {
        var host = hosts[CartHost.Sqlite];
        var user = Guid.CreateVersion7();
        using var shopper = host.NewShopper(user);
        await shopper.AddOkAsync(host.Catalog.Shirt().Sku, 1);

        using var dapr = host.Service.CreateDaprClient();
        await dapr.PublishEventAsync("pubsub", IntegrationEvent.Topic<UserDeleted>(), new UserDeleted { UserId = user });

        await TestSupport.Eventually.ReturnsAsync(shopper.CartAsync, c => c.Id is null && c.Lines.Count == 0);
    }

    [Fact]
    public async Task The_openapi_document_lists_success_and_problem_answers_for_every_operation()
    {
        using var http = hosts[CartHost.Sqlite].Service.CreateHttpClient();
        var document = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Responses: op.Value.GetProperty("responses"))))
            .ToList();
        operations.Should().HaveCountGreaterThanOrEqualTo(14);
        foreach (var (name, responses) in operations)
        {
            var codes = responses.EnumerateObject().Select(r => r.Name).ToList();
            codes.Should().Contain(c => c.StartsWith('2'), name);
            codes.Should().Contain(c => c.StartsWith('4') || c.StartsWith('5'), name);
            // 409 answers the current cart or promotion (not a problem document), as the house style asks.
            foreach (var problem in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5' && r.Name != "409" && r.Value.TryGetProperty("content", out _)))
                problem.Value.GetProperty("content").EnumerateObject().Select(c => c.Name).Should().Contain("application/problem+json", $"{name} {problem.Name}");
        }
    }
}
