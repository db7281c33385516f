using System.Net;
using SpaceOfSport.BuildingBlocks.Http;

namespace SpaceOfSport.BuildingBlocks.Tests.Http;

// Issue 9, item 4: identity rate-limited sign-ins by the last X-Forwarded-For entry from anyone, so a caller who
// reached it directly picked a fresh bucket per request. Forwarded headers count only on what came through the sidecar.
public sealed class ClientAddressTests
{
    private const string Token = "the-app-api-token";

    [Fact]
    public void A_forged_forwarded_header_from_a_caller_without_the_token_is_ignored()
    {
        var context = Request(configuredToken: Token, remote: "192.0.2.50", forwardedFor: "203.0.113.7");

        ClientAddress.Of(context).Should().Be("192.0.2.50");
    }

    [Fact]
    public void A_forged_forwarded_header_with_a_wrong_token_is_ignored()
    {
        var context = Request(configuredToken: Token, remote: "127.0.0.1", forwardedFor: "203.0.113.7", presentedToken: "guessed");

        ClientAddress.Of(context).Should().Be("127.0.0.1");
    }

    [Fact]
    public void Through_the_sidecar_the_client_is_the_entry_the_gateway_wrote_before_the_calling_sidecars_own()
    {
        // The client sent a forged entry, the gateway appended the address it saw, the gateway's sidecar its host's.
        var context = Request(configuredToken: Token, remote: "127.0.0.1", forwardedFor: "203.0.113.7, 198.51.100.20, 10.1.0.4",
            presentedToken: Token, callerAppId: "gateway");

        ClientAddress.Of(context).Should().Be("198.51.100.20");
    }

    [Fact]
    public void A_proxied_grpc_call_has_no_sidecar_entry_to_skip()
    {
        var context = Request(configuredToken: Token, remote: "127.0.0.1", forwardedFor: "203.0.113.7, 198.51.100.20", presentedToken: Token, callerAppId: "gateway");
        context.Request.ContentType = "application/grpc";

        ClientAddress.Of(context).Should().Be("198.51.100.20");
    }

    [Fact]
    public void Forwarded_values_in_separate_header_lines_count_as_one_list()
    {
        var context = Request(configuredToken: Token, remote: "127.0.0.1", forwardedFor: "198.51.100.20", presentedToken: Token, callerAppId: "gateway");
        context.Request.Headers.Append(ClientAddress.ForwardedForHeader, "10.1.0.4");

        ClientAddress.Of(context).Should().Be("198.51.100.20");
    }

    [Fact]
    public void A_call_from_another_app_without_a_forwarded_client_counts_as_the_connection()
    {
        var context = Request(configuredToken: Token, remote: "127.0.0.1", forwardedFor: "10.1.0.9", presentedToken: Token, callerAppId: "ordering");

        ClientAddress.Of(context).Should().Be("127.0.0.1");
    }

    [Fact]
    public void Without_a_token_configured_a_loopback_caller_is_believed()
    {
        var context = Request(configuredToken: null, remote: "127.0.0.1", forwardedFor: "198.51.100.20");

        ClientAddress.Of(context).Should().Be("198.51.100.20");
    }

    [Fact]
    public void Without_a_token_configured_a_caller_from_another_machine_is_not_believed()
    {
        var context = Request(configuredToken: null, remote: "192.0.2.50", forwardedFor: "198.51.100.20");

        ClientAddress.Of(context).Should().Be("192.0.2.50");
    }

    private static DefaultHttpContext Request(string? configuredToken, string remote, string? forwardedFor, string? presentedToken = null, string? callerAppId = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["APP_API_TOKEN"] = configuredToken }).Build();
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(new AppApiToken(configuration)).BuildServiceProvider(),
        };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null) context.Request.Headers[ClientAddress.ForwardedForHeader] = forwardedFor;
        if (presentedToken is not null) context.Request.Headers[DaprSidecar.ApiTokenHeader] = presentedToken;
        if (callerAppId is not null) context.Request.Headers[DaprSidecar.CallerAppIdHeader] = callerAppId;
        return context;
    }
}
