using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using SpaceOfSport.Contracts.Inventory.V1;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;
using InventoryClient = SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryClient;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>
/// Issue 9, item 4: with an app API token (as the launcher and the Helm chart run it), inventory answers only its
/// sidecar; a caller who reaches its port directly gets UNAUTHENTICATED, for the stock API and gRPC reflection alike.
/// </summary>
public sealed class SidecarOnlyAccessTests(SidecarOnlyAccessTests.TokenProtectedInventory inventory) : IClassFixture<SidecarOnlyAccessTests.TokenProtectedInventory>
{
    [Fact]
    public async Task A_reservation_sent_around_the_sidecar_is_unauthenticated()
    {
        var reserve = () => inventory.Host.Client.ReserveAsync(new ReserveRequest
        {
            ReservationId = Guid.CreateVersion7().ToString(),
            Lines = { new ReservationLine { Sku = "SKU-DIRECT", Quantity = 1 } },
        }).ResponseAsync;

        (await reserve.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task The_stock_api_answers_through_the_sidecar()
    {
        var client = new InventoryClient(inventory.Host.Service.CreateGrpcInvokerThroughSidecar());

        var query = () => client.GetAvailabilityAsync(new GetAvailabilityRequest { Skus = { "SKU-THROUGH-SIDECAR" } }).ResponseAsync;

        // Inventory itself answered: the SKU is unknown to it (NOT_FOUND naming it), the call was not turned away.
        var answer = (await query.Should().ThrowAsync<RpcException>()).Which;
        answer.StatusCode.Should().Be(StatusCode.NotFound);
        answer.Status.Detail.Should().Contain("SKU-THROUGH-SIDECAR");
    }

    [Fact]
    public async Task Reflection_is_refused_to_a_direct_caller_and_served_through_the_sidecar()
    {
        var direct = new ServerReflection.ServerReflectionClient(inventory.Host.Service.CreateGrpcChannel());
        var refused = () => ListServicesAsync(direct);
        (await refused.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);

        var throughSidecar = new ServerReflection.ServerReflectionClient(inventory.Host.Service.CreateGrpcInvokerThroughSidecar());
        (await ListServicesAsync(throughSidecar)).Should().Contain("spaceofsport.inventory.v1.Inventory");
    }

    [Fact]
    public async Task Health_probes_need_no_token()
    {
        using var http = inventory.Host.Service.CreateHttpClient();

        (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode.Should().BeTrue();
    }

    internal static async Task<IReadOnlyList<string>> ListServicesAsync(ServerReflection.ServerReflectionClient client)
    {
        using var call = client.ServerReflectionInfo();
        try
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A refusing server answers before reading the request, so the write can race the answer and fail as
            // CANCELLED; the server's own status is the one the response stream reports below.
        }
        var services = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
            services.AddRange(response.ListServicesResponse.Service.Select(s => s.Name));
        return services;
    }

    /// <summary>One inventory on SQLite whose sidecar and app share an app API token.</summary>
    public sealed class TokenProtectedInventory : IAsyncLifetime
    {
        public InventoryHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await InventoryHost.StartAsync(TestDatabases.Sqlite, appApiToken: "inventory-app-token");

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
