using System.Net;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using SpaceOfSport.Inventory.Apis;
using SpaceOfSport.Inventory.Tests.Infrastructure;
using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests;

/// <summary>
/// Inventory's HTTP side is its sidecar's callbacks (the sweep's cron binding, the catalog's events); the stock API is
/// gRPC. Its OpenAPI document names them, a wrong method is a 405 problem like in every service, and gRPC reflection
/// is not served to strangers.
/// </summary>
public sealed class HttpCallbacksTests(InventoryHosts hosts) : IClassFixture<InventoryHosts>
{
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["SweepExpiredReservations"] = ["200"],
        ["RegisterProductSkus"] = ["200"],
    };

    [Fact]
    public async Task Every_operation_is_named_summarised_and_lists_its_answers()
    {
        using var http = hosts[TestDatabases.Sqlite].Service.CreateHttpClient();

        var operations = await OpenApiOperations.LoadAsync(http);

        operations.Should().OnlyContain(o => !string.IsNullOrWhiteSpace(o.OperationId) && !string.IsNullOrWhiteSpace(o.Summary));
        operations.Select(o => o.OperationId).Should().BeEquivalentTo(Expected.Keys);
        foreach (var operation in operations) operation.Responses.Keys.Should().BeEquivalentTo(Expected[operation.OperationId!]);
    }

    [Fact]
    public async Task Grpc_reflection_is_not_served_outside_development_without_an_app_api_token()
    {
        var reflection = new ServerReflection.ServerReflectionClient(hosts[TestDatabases.Sqlite].Service.CreateGrpcChannel());

        var list = () => SidecarOnlyAccessTests.ListServicesAsync(reflection);

        (await list.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unimplemented);
    }

    [Theory]
    [InlineData("GET", "/" + InventoryApi.SweepBinding)]
    [InlineData("DELETE", CatalogEventsApi.ProductChangedRoute)]
    public async Task A_method_the_callback_does_not_have_is_a_405_problem(string method, string path)
    {
        using var http = hosts[TestDatabases.Sqlite].Service.CreateHttpClient();

        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Content.Headers.Allow.Should().Contain("POST");
    }
}
