using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.ServiceModel.Channels;
using System.Text;
using System.Xml.Linq;
using SoapCore.Extensibility;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.Audit.Soap;

/// <summary>
/// WS-Security UsernameToken (OASIS UsernameToken Profile 1.1) on the SOAP endpoint, beside bearer tokens: a
/// <c>wsse:Security</c> header with a <c>wsse:UsernameToken</c> whose password is <c>#PasswordText</c> (over HTTPS at the
/// ingress) or <c>#PasswordDigest</c> (Base64(SHA-1(nonce ‖ created ‖ password)), created within
/// <see cref="Freshness"/> of now). A valid token makes the caller an auditor (<c>audit:read</c>, subject
/// <c>soap-auditor:{username}</c>); an invalid one is remembered so the operation answers an <c>Unauthenticated</c>
/// fault naming why; no header leaves the bearer token, if any, to decide.
/// </summary>
public sealed class UsernameTokenAuthentication(SoapAuditors auditors, TimeProvider clock) : ISoapMessageProcessor
{
    public const string SecurityNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string UtilityNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string PasswordText = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    public const string PasswordDigest = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public const string AuthenticationType = "WS-Security UsernameToken";

    /// <summary>Where an invalid token's reason waits for the operation (which answers it as a fault).</summary>
    public const string RefusalItem = "audit.soap.username-token-refusal";

    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    private static readonly XNamespace Wsse = SecurityNamespace;
    private static readonly XNamespace Wsu = UtilityNamespace;

    public async Task<Message> ProcessMessage(Message message, HttpContext context, Func<Message, Task<Message>> next)
    {
        var index = message.Headers.FindHeader("Security", SecurityNamespace);
        if (index < 0) return await next(message);
        // Read, the header counts as understood (mustUnderstand="1" is allowed).
        message.Headers.UnderstoodHeaders.Add(message.Headers[index]);
        using var reader = message.Headers.GetReaderAtHeader(index);
        var token = XElement.Load(reader).Element(Wsse + "UsernameToken");
        var refusal = token is null ? "The wsse:Security header carries no wsse:UsernameToken." : await CheckAsync(token, context);
        if (refusal is null)
        {
            var username = token!.Element(Wsse + "Username")!.Value;
            context.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim("sub", $"soap-auditor:{username}"), new Claim(TokenConventions.PermissionClaim, Permissions.AuditRead)], AuthenticationType));
        }
        else
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            context.Items[RefusalItem] = refusal;
        }
        return await next(message);
    }

    /// <summary>Null when the token is an auditor's; else why not (the same words for an unknown user and a wrong password).</summary>
    private async Task<string?> CheckAsync(XElement token, HttpContext context)
    {
        const string wrong = "The UsernameToken's username or password is wrong.";
        var username = token.Element(Wsse + "Username")?.Value;
        var password = token.Element(Wsse + "Password");
        if (string.IsNullOrEmpty(username) || password is null) return "The UsernameToken needs a Username and a Password.";
        var expected = await auditors.PasswordOfAsync(username, context.RequestAborted);
        var type = (string?)password.Attribute("Type") ?? PasswordText;
        if (type == PasswordText) return expected is not null && SoapAuditors.Same(expected, password.Value) ? null : wrong;
        if (type != PasswordDigest) return $"Password type {type} is not supported (PasswordText or PasswordDigest).";

        var created = token.Element(Wsu + "Created")?.Value;
        var nonce = token.Element(Wsse + "Nonce")?.Value;
        if (created is null || nonce is null) return "A PasswordDigest needs wsse:Nonce and wsu:Created.";
        if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt)
            || (clock.GetUtcNow() - createdAt).Duration() > Freshness)
            return $"wsu:Created must be within {Freshness.TotalMinutes} minutes of now.";
        byte[] nonceBytes;
        try
        {
            nonceBytes = Convert.FromBase64String(nonce);
        }
        catch (FormatException)
        {
            return "wsse:Nonce must be Base64.";
        }
        if (expected is null) return wrong;
        // SHA-1 is what the UsernameToken Profile 1.1 (§3.1) defines for PasswordDigest; the password never travels.
#pragma warning disable CA5350
        var digest = Convert.ToBase64String(SHA1.HashData([.. nonceBytes, .. Encoding.UTF8.GetBytes(created), .. Encoding.UTF8.GetBytes(expected)]));
#pragma warning restore CA5350
        return SoapAuditors.Same(digest, password.Value) ? null : wrong;
    }
}
