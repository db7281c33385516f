using System.Net;
using Dapr.Client;
using Grpc.Core;
using LocalDapr.Sidecar;
using SpaceOfSport.Contracts.Payments.V1;
using SpaceOfSport.Payments.Tests.Infrastructure;
using VerificationClient = SpaceOfSport.Contracts.Payments.V1.Verification.VerificationClient;

namespace SpaceOfSport.Payments.Tests.Payments;

/// <summary>
/// <c>/api/payments</c> and gRPC <c>Verification</c> are ordering's: the caller is the app-id its sidecar names in
/// <c>dapr-caller-app-id</c> on the invocation; any other app, or a caller who does not come through the sidecar, gets a
/// 403 problem (gRPC: PERMISSION_DENIED).
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

    [Fact]
    public async Task Ordering_verifies_a_payment_over_grpc_through_its_sidecar()
    {
        var orderId = Guid.CreateVersion7();
        await Host.CreatePaymentAsync(orderId, amount: 4_200);
        var ordering = await Host.Service.Sidecar.Runtime.StartSidecarAsync(new SidecarOptions { AppId = "ordering", ResourcesPaths = [] });
        try
        {
            var verification = new VerificationClient(DaprClient.CreateInvocationInvoker("payments", ordering.GrpcEndpoint.ToString()));

            var verified = await verification.VerifyPaymentAsync(new VerifyPaymentRequest { OrderId = orderId.ToString() });

            (verified.OrderId, verified.Amount).Should().Be((orderId.ToString(), 4_200));
        }
        finally
        {
            await ordering.Runtime.StopSidecarAsync(ordering);
        }
    }

    [Fact]
    public async Task Another_app_verifying_a_payment_over_grpc_is_permission_denied()
    {
        var orderId = Guid.CreateVersion7();
        await Host.CreatePaymentAsync(orderId);
        var cart = await Host.Service.Sidecar.Runtime.StartSidecarAsync(new SidecarOptions { AppId = "cart", ResourcesPaths = [] });
        try
        {
            var verification = new VerificationClient(DaprClient.CreateInvocationInvoker("payments", cart.GrpcEndpoint.ToString()));
            var forged = new Metadata { { "dapr-caller-app-id", "ordering" } };

            var refused = await FluentActions.Awaiting(() => verification.VerifyPaymentAsync(new VerifyPaymentRequest { OrderId = orderId.ToString() }, forged).ResponseAsync)
                .Should().ThrowAsync<RpcException>();

            refused.Which.StatusCode.Should().Be(StatusCode.PermissionDenied, "the sidecar names the real caller, whatever the call claimed");
        }
        finally
        {
            await cart.Runtime.StopSidecarAsync(cart);
        }
    }

    [Fact]
    public async Task A_grpc_call_that_names_no_caller_is_permission_denied_and_learns_nothing()
    {
        var orderId = Guid.CreateVersion7();
        await Host.CreatePaymentAsync(orderId);
        var verification = new VerificationClient(Host.Service.CreateGrpcChannel());

        var refused = await FluentActions.Awaiting(() => verification.VerifyPaymentAsync(new VerifyPaymentRequest { OrderId = orderId.ToString() }).ResponseAsync)
            .Should().ThrowAsync<RpcException>();

        refused.Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        refused.Which.Status.Detail.Should().Be("Only ordering may call this endpoint, through Dapr service invocation.");
    }
}
