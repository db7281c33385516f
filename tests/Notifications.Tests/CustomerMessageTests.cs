using System.Net;
using System.Text.Json;
using MimeKit;
using SpaceOfSport.Contracts.Events.Cart;
using SpaceOfSport.Contracts.Events.Catalog;
using SpaceOfSport.Contracts.Events.Identity;
using SpaceOfSport.Contracts.Events.Ordering;
using SpaceOfSport.Notifications.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Notifications.Tests;

/// <summary>
/// Events become customer messages on the channels each customer turned on: email as <c>.eml</c> files a mail program
/// opens, SMS as files, push on the hub's personal channel; once per event; in the customer's language.
/// </summary>
[Collection(MessagesCollection.Name)]
public sealed class CustomerMessageTests(MessagesHost host)
{
    private const string StatusRoute = "/events/ordering/order-status-changed/customers";

    [Fact]
    public async Task A_paid_order_is_confirmed_on_every_channel_the_customer_turned_on()
    {
        var user = host.Customer(email: true, sms: true, push: true);
        await using var tab = await host.HubClientOf(user).StartAsync();
        await tab.SubscribeAsync($"notifications:{user:D}");

        (await host.DeliverAsync(StatusRoute, Paid(user, "SOS-2026-000777"))).Should().Be("SUCCESS");

        var email = host.EmailsTo(user).Should().ContainSingle().Subject;
        email.Subject.Should().Be("Order SOS-2026-000777 is confirmed");
        email.From.Mailboxes.Single().Address.Should().Be("shop@spaceofsport.local");
        email.Body.Should().BeOfType<MultipartAlternative>("a plain-text part and an HTML part of the same message");
        email.TextBody.Should().Contain("Hello Ana,").And.Contain("SOS-2026-000777").And.Contain("http://shop.test/account/orders/");
        email.HtmlBody.Should().Contain("<h1 style=\"font-size:22px;\">Order SOS-2026-000777 is confirmed</h1>");
        email.Headers.Contains(HeaderId.ListUnsubscribe).Should().BeFalse("an order confirmation is no marketing");

        var sms = host.SmsTo(MessagesHost.PhoneOf(user)).Should().ContainSingle().Subject;
        sms.GetProperty("text").GetString().Should().Be("Space of Sport: order SOS-2026-000777 is paid and confirmed. Thank you!");
        sms.GetProperty("encoding").GetString().Should().Be("Gsm7");

        var push = await tab.WaitForAsync($"notifications:{user:D}", m => m.Type == "notification");
        push.Data.GetProperty("title").GetString().Should().Be("Order SOS-2026-000777 is confirmed");
        push.Data.GetProperty("template").GetString().Should().Be("order-confirmed");
    }

    [Fact]
    public async Task A_channel_the_customer_turned_off_is_never_used()
    {
        var user = host.Customer(email: true, sms: false, push: false);
        await using var tab = await host.HubClientOf(user).StartAsync();

        await host.DeliverAsync(StatusRoute, Paid(user, "SOS-2026-000778"));

        host.EmailsTo(user).Should().ContainSingle();
        host.SmsTo(MessagesHost.PhoneOf(user)).Should().BeEmpty("SMS is off, although the customer has a phone number");
        var channel = await tab.SubscribeAsync($"notifications:{user:D}");
        channel.Latest.Should().BeNull("push is off: nothing was ever sent on the customer's channel");
        using var me = host.ApiFor(user);
        var log = await me.GetFromJsonAsync<JsonElement>("/api/me");
        log.EnumerateArray().Select(d => d.GetProperty("channel").GetString()).Should().Equal("email");
    }

    [Fact]
    public async Task An_event_delivered_twice_sends_one_message_per_channel()
    {
        var user = host.Customer(email: true, sms: true);
        var shipped = new OrderShipped
        {
            OrderId = Guid.CreateVersion7(),
            OrderNumber = "SOS-2026-000779",
            UserId = user,
            ShipmentId = Guid.CreateVersion7(),
            Carrier = "DHL",
            TrackingNumber = "JD0146000038",
            TrackingUrl = "https://tracking.example/JD0146000038",
        };

        await host.DeliverAsync("/events/ordering/order-shipped", shipped);
        await host.DeliverAsync("/events/ordering/order-shipped", shipped);

        var email = host.EmailsTo(user).Should().ContainSingle().Subject;
        email.HtmlBody.Should().Contain("href=\"https://tracking.example/JD0146000038\"", "the button leads to the carrier's tracking page");
        host.SmsTo(MessagesHost.PhoneOf(user)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_published_event_reaches_the_customer_through_pub_sub()
    {
        var user = host.Customer();

        await host.PublishAsync(new OrderDelivered
        {
            OrderId = Guid.CreateVersion7(),
            OrderNumber = "SOS-2026-000780",
            UserId = user,
            ShipmentId = Guid.CreateVersion7(),
            DeliveredAt = DateTimeOffset.UtcNow,
        });

        await Eventually.UntilAsync(() => host.EmailsTo(user).Count == 1, "the delivered email");
        host.EmailsTo(user)[0].Subject.Should().Be("Order SOS-2026-000780 was delivered");
    }

    [Theory]
    [InlineData("es", "Pedido SOS-2026-000781 confirmado", "Hola Ana:")]
    [InlineData("de-AT", "Bestellung SOS-2026-000781 ist bestätigt", "Hallo Ana,")]
    [InlineData("fr", "Commande SOS-2026-000781 confirmée", "Bonjour Ana,")]
    [InlineData("pt-BR", "Order SOS-2026-000781 is confirmed", "Hello Ana,")]
    public async Task Messages_are_written_in_the_customers_language_or_else_in_English(string locale, string subject, string greeting)
    {
        var user = host.Customer(locale: locale);

        await host.DeliverAsync(StatusRoute, Paid(user, "SOS-2026-000781"));

        var email = host.EmailsTo(user).Should().ContainSingle().Subject;
        email.Subject.Should().Be(subject);
        email.TextBody.Should().Contain(greeting);
    }

    [Fact]
    public async Task A_refund_is_written_in_the_customers_number_format()
    {
        var user = host.Customer(locale: "de");

        await host.DeliverAsync("/events/ordering/return-refunded", new ReturnRefunded
        {
            ReturnId = Guid.CreateVersion7(),
            OrderId = Guid.CreateVersion7(),
            UserId = user,
            AmountMinor = 123456,
            ShippingMinor = 0,
            Currency = "EUR",
        });

        host.EmailsTo(user).Should().ContainSingle().Which.Subject.Should().Be("Deine Erstattung über 1.234,56 EUR ist unterwegs");
    }

    [Fact]
    public async Task Flash_sales_reach_only_opted_in_customers_and_markup_in_a_name_is_escaped()
    {
        var optedIn = host.Customer();
        var notOptedIn = host.Customer();
        using (var api = host.ApiFor(optedIn)) (await api.PutAsync("/api/marketing/flash-sales", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await host.DeliverAsync("/events/catalog/flash-sale-started/customers", new FlashSaleStarted
        {
            FlashSaleId = Guid.CreateVersion7(),
            Name = "<script>alert('x')</script> Sale",
            ProductIds = [],
            VariantIds = [],
            PercentOff = 30,
            StartsAt = DateTimeOffset.UtcNow,
            EndsAt = new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero),
        });

        host.EmailsTo(notOptedIn).Should().BeEmpty();
        var email = host.EmailsTo(optedIn).Should().ContainSingle().Subject;
        email.HtmlBody.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Sale");
        email.TextBody.Should().Contain("until 2026-12-24 18:00 UTC");
        email.Headers[HeaderId.ListUnsubscribe].Should().StartWith("<http://shop.test/api/notifications/unsubscribe/");
        email.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
    }

    [Fact]
    public async Task An_abandoned_cart_is_recalled_once_and_never_after_the_customer_unsubscribed()
    {
        var user = host.Customer();
        CartAbandoned Abandoned() => new() { CartId = $"cart-{user:N}", UserId = user, Version = 3, Lines = [new("SKU-1", 2), new("SKU-2", 1)], LinesTouchedAt = DateTimeOffset.UtcNow };
        var first = Abandoned();

        await host.DeliverAsync("/events/cart/cart-abandoned", first);
        await host.DeliverAsync("/events/cart/cart-abandoned", first);
        var reminder = host.EmailsTo(user).Should().ContainSingle().Subject;
        reminder.TextBody.Should().Contain("3 item(s)");

        var unsubscribe = new Uri(reminder.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        using var http = host.Service.CreateHttpClient();
        // Through the gateway the path is /api/notifications/...; the service's own path drops "notifications".
        var path = unsubscribe.AbsolutePath.Replace("/api/notifications/", "/api/", StringComparison.Ordinal);
        (await http.PostAsync(path, null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await host.DeliverAsync("/events/cart/cart-abandoned", Abandoned());
        host.EmailsTo(user).Should().ContainSingle("the customer unsubscribed from cart reminders");
        (await http.PostAsync("/api/unsubscribe/0123456789abcdef0123456789abcdef", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deleted_account_gets_its_goodbye_at_the_address_the_event_carries()
    {
        var user = Guid.CreateVersion7(); // identity no longer knows the customer

        await host.DeliverAsync("/events/identity/user-deleted", new UserDeleted { UserId = user, Email = $"{user:N}@example.test", Name = "Ana", Locale = "fr" });

        host.EmailsTo(user).Should().ContainSingle().Which.Subject.Should().Be("Votre compte a été supprimé");
    }

    [Fact]
    public async Task A_password_change_is_told_and_the_delivery_log_shows_it_to_staff_only()
    {
        var user = host.Customer(push: true);
        var changed = new UserPasswordChanged { UserId = user };

        await host.DeliverAsync("/events/identity/user-password-changed", changed);

        host.EmailsTo(user).Should().ContainSingle().Which.Subject.Should().Be("Your password was changed");
        using var staff = host.Staff();
        var log = await staff.GetFromJsonAsync<JsonElement>($"/api/deliveries?userId={user}");
        log.EnumerateArray().Select(d => (d.GetProperty("channel").GetString(), d.GetProperty("status").GetString(), d.GetProperty("template").GetString()))
            .Should().BeEquivalentTo([("push", "sent", "password-changed"), ("email", "sent", "password-changed")]);
        log.EnumerateArray().Should().OnlyContain(d => d.GetProperty("eventId").GetGuid() == changed.Id && d.GetProperty("attempts").GetInt32() == 1);
        using var customer = host.ApiFor(Guid.CreateVersion7());
        (await customer.GetAsync("/api/deliveries")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_preview_a_template_in_a_language_with_sample_data()
    {
        using var staff = host.Staff();

        var preview = await staff.GetFromJsonAsync<JsonElement>("/api/templates/order-shipped/preview?locale=es");

        preview.GetProperty("subject").GetString().Should().Be("Tu pedido SOS-2026-000123 está en camino");
        preview.GetProperty("html").GetString().Should().Contain("DHL");
        (await staff.GetAsync("/api/templates/no-such-template/preview")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await staff.GetFromJsonAsync<JsonElement>("/api/templates");
        list.GetProperty("templates").EnumerateArray().Select(t => t.GetString()).Should().Contain(["order-confirmed", "cart-reminder", "account-deleted"]);
    }

    // Issue 9: any app in the mesh could have the shop write to a customer by posting a forged event by service invocation.
    [Fact]
    public async Task An_event_forged_through_service_invocation_is_refused_and_sends_nothing()
    {
        var user = host.Customer(email: true, sms: false, push: false);
        using var sidecar = new HttpClient { BaseAddress = host.Service.Sidecar.HttpEndpoint };

        using var response = await sidecar.PostAsJsonAsync($"/v1.0/invoke/notifications/method{StatusRoute}", Paid(user, "SOS-2026-000799"),
            SpaceOfSport.BuildingBlocks.JsonConventions.Create());

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        host.EmailsTo(user).Should().BeEmpty();
    }

    private static OrderStatusChanged Paid(Guid user, string number) => new()
    {
        OrderId = Guid.CreateVersion7(),
        OrderNumber = number,
        UserId = user,
        PreviousStatus = "awaiting-payment",
        Status = "paid",
        Sequence = 3,
    };
}
