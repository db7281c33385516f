using LocalDapr;
using SpaceOfSport.Gateway.Tests.Infrastructure;

namespace SpaceOfSport.Gateway.Tests.Gateway;

/// <summary>A local runtime with a "catalog" service behind its sidecar; each test starts a gateway configured its own way.</summary>
public sealed class CatalogFixture : IAsyncLifetime
{
    public LocalDaprRuntime Runtime { get; } = LocalDaprRuntime.Create();

    public FakeService Catalog { get; private set; } = null!;

    public async Task InitializeAsync() => Catalog = await FakeService.StartAsync(Runtime, "catalog");

    public async Task DisposeAsync()
    {
        await Catalog.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
