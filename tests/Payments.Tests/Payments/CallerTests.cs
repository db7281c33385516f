using System.Net;
using Dapr.Client;
using LocalDapr.Sidecar;
using SpaceOfSport.Payments.Tests.Infrastructure;

namespace SpaceOfSport.Payments.Tests.Payments;

/// <summary>
/// <c>/api/payments</c> is ordering's: the caller is the app-id its sidecar names in <c>dapr-caller-app-id</c> on the
/// invocation; any other app, or a caller who does not come through the sidecar, gets a 403 problem.
/// </summary>
public sealed class CallerTests(PaymentsFixture fixture) : IClassFixture<PaymentsFixture>
{
    private PaymentsHost Host => fixture.Host;

    [Fact]
    public async Task Ordering_creates_a_payment_through_its_sidecar()
    {
        var ordering = await Host.Service.Sidecar.Runtime.StartSidecarAsync(new SidecarOptions { AppId = "ordering", ResourcesPaths = [] });
        try
        {
            using var http = DaprClient.CreateInvokeHttpClient("payments", ordering.HttpEndpoint.ToString());

            using var response = await http.PostAsJsonAsync("/api/payments", new { orderId = Guid.CreateVersion7(), amount = 2_500, currency = "eur" });

            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await ordering.Runtime.StopSidecarAsync(ordering);
        }
    }

    [Fact]
    public async Task Another_app_calling_through_its_sidecar_is_a_403_problem()
    {
        var cart = await Host.Service.Sidecar.Runtime.StartSidecarAsync(new SidecarOptions { AppId = "cart", ResourcesPaths = [] });
        try
        {
            using var http = DaprClient.CreateInvokeHttpClient("payments", cart.HttpEndpoint.ToString());
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/payments/{Guid.CreateVersion7()}");
            request.Headers.Add("dapr-caller-app-id", "ordering");

            using var response = await http.SendAsync(request);

            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the sidecar names the real caller, whatever the request claimed");
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
        finally
        {
            await cart.Runtime.StopSidecarAsync(cart);
        }
    }

    [Fact]
    public async Task A_call_that_names_no_caller_is_a_403_problem()
    {
        using var http = Host.Service.CreateHttpClient();

        using var response = await http.GetAsync(new Uri($"/api/payments/{Guid.CreateVersion7()}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
