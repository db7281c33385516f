using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using SpaceOfSport.Audit.Apis;
using SpaceOfSport.Audit.Soap;

namespace SpaceOfSport.Audit.Tests.Infrastructure;

/// <summary>Raw SOAP envelopes over HTTP/1.1 to audit's sidecar (as the gateway forwards an auditor's call).</summary>
public static class SoapCalls
{
    public const string Soap11Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12Envelope = "http://www.w3.org/2003/05/soap-envelope";

    public static readonly XNamespace Ledger = ILedgerSoap.Namespace;

    public static string RelativePath => LedgerSoapApi.Path.TrimStart('/');

    /// <summary>Posts <paramref name="body"/> (the operation's element) in a SOAP 1.1 or 1.2 envelope; the response document.</summary>
    public static async Task<(int Status, XDocument Document)> CallAsync(
        this AuditHost host, string operation, XElement body, string? token, bool soap12 = false, XElement? header = null)
    {
        XNamespace envelope = soap12 ? Soap12Envelope : Soap11Envelope;
        var document = new XDocument(new XElement(envelope + "Envelope", new XAttribute(XNamespace.Xmlns + "s", envelope.NamespaceName),
            header is null ? null : new XElement(envelope + "Header", header),
            new XElement(envelope + "Body", body)));
        var action = $"{ILedgerSoap.Namespace}/Ledger/{operation}";
        var content = new StringContent(document.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
        if (soap12)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/soap+xml; charset=utf-8; action=\"{action}\"");
        }
        else
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
            content.Headers.Add("SOAPAction", $"\"{action}\"");
        }

        using var http = host.SidecarHttp();
        using var request = new HttpRequestMessage(HttpMethod.Post, RelativePath) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A <c>wsse:Security</c> header (mustUnderstand) with a UsernameToken: the password as text, or as a digest when <paramref name="created"/> is given.</summary>
    public static XElement UsernameToken(string username, string password, DateTimeOffset? created = null, bool soap12 = false)
    {
        XNamespace wsse = UsernameTokenAuthentication.SecurityNamespace;
        XNamespace wsu = UsernameTokenAuthentication.UtilityNamespace;
        XNamespace envelope = soap12 ? Soap12Envelope : Soap11Envelope;
        var token = new XElement(wsse + "UsernameToken", new XElement(wsse + "Username", username));
        if (created is { } at)
        {
            var nonce = RandomNumberGenerator.GetBytes(16);
            var createdText = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            var digest = Convert.ToBase64String(SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(createdText), .. Encoding.UTF8.GetBytes(password)]));
            token.Add(new XElement(wsse + "Password", new XAttribute("Type", UsernameTokenAuthentication.PasswordDigest), digest),
                new XElement(wsse + "Nonce", Convert.ToBase64String(nonce)), new XElement(wsu + "Created", createdText));
        }
        else
        {
            token.Add(new XElement(wsse + "Password", new XAttribute("Type", UsernameTokenAuthentication.PasswordText), password));
        }
        return new XElement(wsse + "Security", new XAttribute(XNamespace.Xmlns + "wsse", wsse.NamespaceName), new XAttribute(XNamespace.Xmlns + "wsu", wsu.NamespaceName),
            new XAttribute(envelope + "mustUnderstand", soap12 ? "true" : "1"), token);
    }

    public static string Value(this XDocument document, string localName) =>
        document.Descendants().First(e => e.Name.LocalName == localName).Value;

    /// <summary>The fault's code (its local part) and reason, SOAP 1.1 or 1.2.</summary>
    public static (string Code, string Reason) Fault(this XDocument document)
    {
        var fault = document.Descendants().Single(e => e.Name.LocalName == "Fault");
        var soap11Code = fault.Elements().FirstOrDefault(e => e.Name.LocalName == "faultcode");
        if (soap11Code is not null)
            return (soap11Code.Value.Split(':')[^1], fault.Elements().First(e => e.Name.LocalName == "faultstring").Value);
        var code = fault.Descendants().Where(e => e.Name.LocalName == "Value").Last().Value.Split(':')[^1];
        return (code, fault.Descendants().First(e => e.Name.LocalName == "Text").Value);
    }
}
