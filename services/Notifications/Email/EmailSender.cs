using Dapr.Client;
using Microsoft.Extensions.Options;
using MimeKit;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Notifications.Messages;
using SpaceOfSport.Notifications.Templates;

namespace SpaceOfSport.Notifications.Email;

/// <summary>
/// Hands an email to the output binding <see cref="DaprComponents.Email"/>. A file binding (the embedded profile) gets
/// the whole MIME message as an <c>.eml</c> file any mail program opens; a mail service (<c>bindings.smtp</c>,
/// <c>bindings.aws.ses</c>) gets the HTML body with <c>emailTo</c>, <c>emailFrom</c> and <c>subject</c> as request
/// metadata: those bindings build the MIME message themselves and carry neither the text alternative nor extra headers.
/// </summary>
public sealed class EmailSender(DaprClient dapr, OutputBindings bindings, IOptions<NotificationSettings> settings, TimeProvider clock)
{
    /// <summary>Sends the email; answers where it went: the file name for a file binding, else the binding (no address: the log keeps none).</summary>
    public async Task<string> SendAsync(RenderedMessage message, string address, string? name, Guid deliveryId, string? unsubscribeUrl, CancellationToken cancellationToken)
    {
        var from = settings.Value.EmailFrom;
        var to = new MailboxAddress(name ?? "", address);
        if (await bindings.TypeOfAsync(DaprComponents.Email, cancellationToken) == OutputBindings.LocalStorage)
        {
            var email = EmailComposer.Compose(message, from, to, deliveryId, clock.GetUtcNow(), unsubscribeUrl);
            using var file = new MemoryStream();
            await email.WriteToAsync(file, cancellationToken);
            var fileName = $"{clock.GetUtcNow():yyyy-MM-dd}/{message.Template}-{deliveryId:N}.eml";
            // Base64: the binding stores the decoded bytes, so the file is the message exactly as MimeKit wrote it.
            await dapr.InvokeBindingAsync(DaprComponents.Email, "create", Convert.ToBase64String(file.ToArray()),
                new Dictionary<string, string> { ["fileName"] = fileName }, cancellationToken);
            return fileName;
        }

        await dapr.InvokeBindingAsync(DaprComponents.Email, "create", message.Html, new Dictionary<string, string>
        {
            ["emailTo"] = to.ToString(),
            ["emailFrom"] = from,
            ["subject"] = message.Subject,
        }, cancellationToken);
        return DaprComponents.Email;
    }
}
