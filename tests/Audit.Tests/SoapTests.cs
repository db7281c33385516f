using System.Xml.Linq;
using SpaceOfSport.Audit.Tests.Infrastructure;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Audit.Tests;

/// <summary>The auditors' SOAP endpoint, called with raw SOAP 1.1 and 1.2 envelopes over HTTP/1.1 through audit's sidecar.</summary>
public sealed class SoapTests(AuditHosts hosts) : IClassFixture<AuditHosts>
{
    [Fact]
    public async Task The_WSDL_is_published_with_the_three_read_operations_on_SOAP_11_and_12()
    {
        var host = hosts[TestDatabases.Sqlite];
        using var http = host.SidecarHttp();

        var wsdl = XDocument.Parse(await http.GetStringAsync($"{SoapCalls.RelativePath}?wsdl"));

        var operations = wsdl.Descendants().Where(e => e.Name.LocalName == "portType").Elements().Select(o => (string?)o.Attribute("name"));
        operations.Should().BeEquivalentTo("Query", "Verify", "GetCheckpoint");
        var bindings = wsdl.Descendants().Where(e => e.Name.LocalName == "binding" && e.Parent?.Name.LocalName == "binding").Select(b => b.Name.NamespaceName);
        bindings.Should().Contain("http://schemas.xmlsoap.org/wsdl/soap/").And.Contain("http://schemas.xmlsoap.org/wsdl/soap12/");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_over_SOAP_11_and_12_answers_what_gRPC_answers(string provider)
    {
        var host = hosts[provider];
        await host.AsPayments.AppendNewAsync();
        var grpc = await host.Auditor.VerifyAllAsync();
        var body = new XElement(SoapCalls.Ledger + "Verify", new XElement(SoapCalls.Ledger + "fromSequence", 0), new XElement(SoapCalls.Ledger + "toSequence", 0));

        foreach (var soap12 in new[] { false, true })
        {
            var (status, answer) = await host.CallAsync("Verify", body, AuditorToken(host), soap12);

            status.Should().Be(200, answer.ToString());
            answer.Value("Ok").Should().Be("true");
            answer.Value("HeadSequence").Should().Be(grpc.HeadSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            answer.Value("HeadHash").Should().Be(grpc.HeadHash);
            answer.Value("EntriesChecked").Should().Be(grpc.EntriesChecked.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Query_over_SOAP_gives_the_entries_gRPC_gives(string provider)
    {
        var host = hosts[provider];
        var entry = await host.AsPayments.AppendNewAsync();
        var body = new XElement(SoapCalls.Ledger + "Query", new XElement(SoapCalls.Ledger + "filter",
            new XElement(SoapCalls.Ledger + "Subject", entry.Subject)));

        var (status, answer) = await host.CallAsync("Query", body, AuditorToken(host), soap12: true);

        status.Should().Be(200, answer.ToString());
        var record = answer.Descendants().Single(e => e.Name.LocalName == "LedgerRecord");
        string Field(string name) => record.Elements().Single(e => e.Name.LocalName == name).Value;
        Field("Sequence").Should().Be(entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field("Hash").Should().Be(entry.Hash);
        Field("PreviousHash").Should().Be(entry.PreviousHash);
        Field("Actor").Should().Be(entry.Actor);
        Field("SourceEventId").Should().Be(entry.SourceEventId);
        DateTime.Parse(Field("RecordedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)
            .Should().Be(entry.RecordedAt.ToDateTime());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GetCheckpoint_over_SOAP_gives_the_checkpoint_gRPC_gives(string provider)
    {
        var host = hosts[provider];
        var entry = await host.AsPayments.AppendNewAsync();
        var checkpoint = await host.CheckpointAtAsync(entry.Sequence);
        var body = new XElement(SoapCalls.Ledger + "GetCheckpoint", new XElement(SoapCalls.Ledger + "atOrBeforeSequence", checkpoint.Sequence));

        var (status, answer) = await host.CallAsync("GetCheckpoint", body, AuditorToken(host));

        status.Should().Be(200, answer.ToString());
        answer.Value("Jws").Should().Be(checkpoint.Jws);
        answer.Value("HeadHash").Should().Be(checkpoint.HeadHash);
        answer.Value("PublicKeyPem").ReplaceLineEndings("\n").Should().Be(checkpoint.PublicKeyPem.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_an_auditors_token_the_answer_is_a_SOAP_fault(bool soap12)
    {
        var host = hosts[TestDatabases.Sqlite];
        var body = new XElement(SoapCalls.Ledger + "Verify", new XElement(SoapCalls.Ledger + "fromSequence", 0), new XElement(SoapCalls.Ledger + "toSequence", 0));

        var (_, anonymous) = await host.CallAsync("Verify", body, token: null, soap12);
        var (_, customer) = await host.CallAsync("Verify", body, host.Identity.IssueToken($"{Guid.NewGuid()}"), soap12);

        // SOAP 1.1 carries the ledger's own fault code; SOAP 1.2 allows only its standard codes (the caller's fault: Sender).
        anonymous.Fault().Should().Be((soap12 ? "Sender" : "Unauthenticated", "An auditor's bearer token (Authorization: Bearer ...) or a WS-Security UsernameToken is required."));
        customer.Fault().Should().Be((soap12 ? "Sender" : "PermissionDenied", $"The token lacks the {Permissions.AuditRead} permission."));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task A_WS_Security_UsernameToken_of_an_auditor_in_the_secret_store_is_accepted_as_text_or_digest(bool soap12, bool digest)
    {
        var host = hosts[TestDatabases.Sqlite];
        var header = SoapCalls.UsernameToken(AuditHost.SoapAuditorName, AuditHost.SoapAuditorPassword, digest ? host.Clock.GetUtcNow() : null, soap12);

        var (status, answer) = await host.CallAsync("Verify", VerifyAll(), token: null, soap12, header);

        status.Should().Be(200, answer.ToString());
        answer.Value("Ok").Should().Be("true");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrong_unknown_or_stale_UsernameToken_is_refused_with_a_fault_even_beside_a_valid_bearer_token(bool soap12)
    {
        var host = hosts[TestDatabases.Sqlite];
        var now = host.Clock.GetUtcNow();
        var code = soap12 ? "Sender" : "Unauthenticated";

        var (_, wrongPassword) = await host.CallAsync("Verify", VerifyAll(), token: null, soap12, SoapCalls.UsernameToken(AuditHost.SoapAuditorName, "not the password", soap12: soap12));
        var (_, unknownUser) = await host.CallAsync("Verify", VerifyAll(), token: null, soap12, SoapCalls.UsernameToken("someone-else", AuditHost.SoapAuditorPassword, now, soap12));
        var (_, stale) = await host.CallAsync("Verify", VerifyAll(), token: null, soap12, SoapCalls.UsernameToken(AuditHost.SoapAuditorName, AuditHost.SoapAuditorPassword, now.AddMinutes(-6), soap12));
        var (_, wrongBesideBearer) = await host.CallAsync("Verify", VerifyAll(), AuditorToken(host), soap12, SoapCalls.UsernameToken(AuditHost.SoapAuditorName, "not the password", soap12: soap12));

        wrongPassword.Fault().Should().Be((code, "The UsernameToken's username or password is wrong."));
        unknownUser.Fault().Should().Be((code, "The UsernameToken's username or password is wrong."), "an unknown user and a wrong password read the same");
        stale.Fault().Should().Be((code, "wsu:Created must be within 5 minutes of now."));
        wrongBesideBearer.Fault().Code.Should().Be(code, "a credential that fails is never overruled by another");
    }

    private static XElement VerifyAll() =>
        new(SoapCalls.Ledger + "Verify", new XElement(SoapCalls.Ledger + "fromSequence", 0), new XElement(SoapCalls.Ledger + "toSequence", 0));

    [Fact]
    public async Task A_bad_argument_is_a_SOAP_fault_naming_it()
    {
        var host = hosts[TestDatabases.Sqlite];
        var body = new XElement(SoapCalls.Ledger + "Query", new XElement(SoapCalls.Ledger + "filter", new XElement(SoapCalls.Ledger + "PageSize", 100000)));

        var (_, answer) = await host.CallAsync("Query", body, AuditorToken(host));

        answer.Fault().Code.Should().Be("InvalidArgument");
        answer.Fault().Reason.Should().StartWith("page_size");
    }

    private static string AuditorToken(AuditHost host) => host.Identity.IssueToken("auditor-1", [Permissions.AuditRead], ["auditor"]);
}
