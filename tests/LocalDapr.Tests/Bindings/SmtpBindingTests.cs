using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Bindings;

// Contract: https://docs.dapr.io/reference/components-reference/supported-bindings/smtp/
public sealed class SmtpBindingTests
{
    [Fact]
    public async Task Create_sends_the_mail_with_component_defaults_overridden_by_request_metadata()
    {
        using var smtp = new CapturingSmtpServer();
        using var folder = ComponentsFolder.Create(BindingComponents.Smtp("mail", smtp.Port,
            ("emailFrom", "shop@spaceofsport.test"), ("emailTo", "default@spaceofsport.test"), ("subject", "default subject"),
            ("emailBCC", "audit@spaceofsport.test")));
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "mail-app", folder.Path);

        await app.Client.InvokeBindingAsync("mail", "create", "<p>Your order has shipped</p>", new Dictionary<string, string>
        {
            ["emailTo"] = "ada@example.test;bob@example.test",
            ["subject"] = "Order o-7 shipped",
            ["priority"] = "1",
        });
        var mail = await smtp.Message.WaitAsync(TimeSpan.FromSeconds(30));

        mail.Message.From.Mailboxes.Select(m => m.Address).Should().Equal("shop@spaceofsport.test");
        mail.Message.To.Mailboxes.Select(m => m.Address).Should().Equal("ada@example.test", "bob@example.test");
        mail.Message.Subject.Should().Be("Order o-7 shipped");
        mail.Message.HtmlBody.Should().Contain("<p>Your order has shipped</p>");
        mail.Message.Headers["X-Priority"].Should().Be("1");
        mail.EnvelopeFrom.Should().Be("shop@spaceofsport.test");
        mail.EnvelopeTo.Should().BeEquivalentTo("ada@example.test", "bob@example.test", "audit@spaceofsport.test");
        mail.Message.Bcc.Count.Should().Be(0, "Bcc recipients get the mail but are not shown in it");
    }
}
