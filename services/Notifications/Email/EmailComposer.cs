using MimeKit;
using SpaceOfSport.Notifications.Templates;

namespace SpaceOfSport.Notifications.Email;

/// <summary>
/// A rendered message as a MIME email (MimeKit): <c>multipart/alternative</c> with the plain text first and the HTML
/// second, and for marketing mail <c>List-Unsubscribe</c> with one-click unsubscription (RFC 2369, RFC 8058).
/// </summary>
public static class EmailComposer
{
    public static MimeMessage Compose(RenderedMessage message, string from, MailboxAddress to, Guid deliveryId, DateTimeOffset date, string? unsubscribeUrl)
    {
        var email = new MimeMessage
        {
            Subject = message.Subject,
            Date = date,
            MessageId = $"{deliveryId:N}@spaceofsport",
            Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody(),
        };
        email.From.Add(MailboxAddress.Parse(from));
        email.To.Add(to);
        email.Headers.Add("Content-Language", message.Locale);
        if (unsubscribeUrl is not null)
        {
            email.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribeUrl}>");
            email.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        // 7-bit transfer encodings (quoted-printable): the file is what any SMTP relay would accept unchanged.
        email.Prepare(EncodingConstraint.SevenBit);
        return email;
    }
}
