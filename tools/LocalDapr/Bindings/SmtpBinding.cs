using System.Globalization;
using System.Text;
using System.Text.Json;
using LocalDapr.Components;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace LocalDapr.Bindings;

/// <summary>
/// <c>bindings.smtp</c> (https://docs.dapr.io/reference/components-reference/supported-bindings/smtp/): operation
/// <c>create</c> sends the data as an HTML mail. emailFrom, emailTo, emailCC, emailBCC, subject and priority come from
/// the component and may be overridden per request; several addresses are separated by ";" or ",". TLS is used when
/// the server offers it (STARTTLS, or implicit TLS on port 465); authentication only when a user is configured.
/// </summary>
public sealed class SmtpBinding : IOutputBinding
{
    private const int DefaultPriority = 3;

    private readonly string _host;
    private readonly int _port;
    private readonly string? _user;
    private readonly string? _password;
    private readonly bool _skipTlsVerify;
    private readonly IReadOnlyDictionary<string, string> _defaults;

    public SmtpBinding(ComponentContext context)
    {
        _host = context.Required("host");
        _port = int.TryParse(context.Required("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw context.Error($"metadata 'port' must be a port number, not '{context.Required("port")}'");
        _user = context.Optional("user");
        _password = context.Optional("password");
        _skipTlsVerify = context.Bool("skipTLSVerify", false);
        _defaults = context.Metadata;
        if (context.Optional("priority") is { } priority && !TryParsePriority(priority, out _))
            throw context.Error($"metadata 'priority' must be 1 (highest) to 5 (lowest), not '{priority}'");
    }

    public IReadOnlyCollection<string> Operations { get; } = ["create"];

    public async Task<BindingResponse> InvokeAsync(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (operation != "create") throw new BindingRequestException($"unsupported operation {operation}");
        var message = Compose(data, metadata);
        using var client = new SmtpClient();
        if (_skipTlsVerify) client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync(_host, _port, SecureSocketOptions.Auto, cancellationToken);
        if (_user is not null) await client.AuthenticateAsync(_user, _password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return new BindingResponse([], new Dictionary<string, string>());
    }

    private MimeMessage Compose(byte[] data, IReadOnlyDictionary<string, string> metadata)
    {
        string? Setting(string key) =>
            metadata.GetValueOrDefault(key) is { Length: > 0 } value ? value
            : _defaults.TryGetValue(key, out var fallback) && fallback.Length > 0 ? fallback
            : null;

        string Required(string key) =>
            Setting(key) ?? throw new BindingRequestException($"smtp binding error: {key} property not supplied in configuration- or request-metadata");

        var message = new MimeMessage();
        message.From.AddRange(Addresses(Required("emailFrom")));
        message.To.AddRange(Addresses(Required("emailTo")));
        if (Setting("emailCC") is { } cc) message.Cc.AddRange(Addresses(cc));
        if (Setting("emailBCC") is { } bcc) message.Bcc.AddRange(Addresses(bcc));
        message.Subject = Required("subject");
        var priorityText = Setting("priority");
        var priority = DefaultPriority;
        if (priorityText is not null && !TryParsePriority(priorityText, out priority))
            throw new BindingRequestException($"smtp binding error: priority value must be between 1 (highest) and 5 (lowest), not '{priorityText}'");
        message.Headers.Add("X-Priority", priority.ToString(CultureInfo.InvariantCulture));
        message.Body = new TextPart("html") { Text = Body(data) };
        return message;
    }

    private static IEnumerable<InternetAddress> Addresses(string list)
    {
        foreach (var address in list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MailboxAddress.TryParse(address, out var mailbox))
                throw new BindingRequestException($"smtp binding error: '{address}' is not an email address");
            yield return mailbox;
        }
    }

    /// <summary>SDKs send a string body as a JSON string; daprd unquotes it. Other data is taken as UTF-8 text.</summary>
    private static string Body(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"') return text;
        try
        {
            return JsonSerializer.Deserialize<string>(text) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static bool TryParsePriority(string text, out int priority) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out priority) && priority is >= 1 and <= 5;
}
