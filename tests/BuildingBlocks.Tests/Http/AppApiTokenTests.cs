namespace SpaceOfSport.BuildingBlocks.Tests.Http;

public sealed class AppApiTokenTests
{
    private const string Token = "c2lkZWNhci1vbmx5LXRva2Vu";

    [Fact]
    public void The_configured_token_is_accepted()
    {
        Carries(Token).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2lkZWNhci1vbmx5LXRva2V")]
    [InlineData("c2lkZWNhci1vbmx5LXRva2VuX")]
    [InlineData("C2lkZWNhci1vbmx5LXRva2Vu")]
    public void Any_other_value_is_refused(string presented)
    {
        Carries(presented).Should().BeFalse();
    }

    [Fact]
    public void A_missing_header_or_two_values_are_refused()
    {
        Carries().Should().BeFalse();
        Carries(Token, Token).Should().BeFalse();
    }

    [Fact]
    public void Without_a_configured_token_no_request_carries_one()
    {
        var token = new AppApiToken(new ConfigurationBuilder().Build());
        var context = new DefaultHttpContext();
        context.Request.Headers[DaprSidecar.ApiTokenHeader] = Token;

        token.IsConfigured.Should().BeFalse();
        token.IsCarriedBy(context.Request).Should().BeFalse();
    }

    private static bool Carries(params string[] presented)
    {
        var token = new AppApiToken(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["APP_API_TOKEN"] = Token }).Build());
        var context = new DefaultHttpContext();
        if (presented.Length > 0) context.Request.Headers[DaprSidecar.ApiTokenHeader] = presented;
        return token.IsCarriedBy(context.Request);
    }
}
