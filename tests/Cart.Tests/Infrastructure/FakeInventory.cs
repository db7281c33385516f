using System.Collections.Concurrent;
using Grpc.Core;
using LocalDapr;
using LocalDapr.Sidecar;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Contracts.Inventory.V1;

namespace SpaceOfSport.Cart.Tests.Infrastructure;

/// <summary>A stand-in for inventory (app-id inventory, gRPC over h2c behind its own sidecar) answering GetAvailability.</summary>
public sealed class FakeInventory : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _available = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private LocalSidecar? _sidecar;

    public void Set(string sku, long available) => _available[sku] = available;

    public static async Task<FakeInventory> StartAsync(LocalDaprRuntime runtime, IReadOnlyList<string> resourcesPaths)
    {
        var inventory = new FakeInventory();
        var port = FreePort.Next();
        inventory._sidecar = await runtime.StartSidecarAsync(new SidecarOptions { AppId = AvailabilityClient.AppId, AppPort = port, AppProtocol = "grpc", ResourcesPaths = resourcesPaths });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(inventory);
        var app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        inventory._app = app;
        await inventory._sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(30));
        return inventory;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_sidecar is not null) await _sidecar.Runtime.StopSidecarAsync(_sidecar);
    }

    /// <summary>Like inventory: NOT_FOUND when any SKU is unknown.</summary>
    private sealed class Service(FakeInventory inventory) : SpaceOfSport.Contracts.Inventory.V1.Inventory.InventoryBase
    {
        public override Task<GetAvailabilityResponse> GetAvailability(GetAvailabilityRequest request, ServerCallContext context)
        {
            var response = new GetAvailabilityResponse();
            foreach (var sku in request.Skus)
            {
                if (!inventory._available.TryGetValue(sku, out var units)) throw new RpcException(new Status(StatusCode.NotFound, $"unknown SKU {sku}"));
                response.Items.Add(new SkuAvailability { Sku = sku, OnHand = units, Available = units });
            }
            return Task.FromResult(response);
        }
    }
}
