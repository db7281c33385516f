namespace SpaceOfSport.Cart.Tests.Infrastructure;

/// <summary>
/// One cart service per state store backend, shared by every test class of the collection (their keys would meet in
/// the one Redis anyway); tests keep apart by fresh SKUs, users and codes, and run one after another because some
/// move the shared clock.
/// </summary>
public sealed class CartHosts : IAsyncLifetime
{
    private readonly Dictionary<string, CartHost> _hosts = [];

    public CartHost this[string backend] => _hosts[backend];

    public async Task InitializeAsync()
    {
        foreach (var backend in new[] { CartHost.Sqlite, CartHost.Redis }) _hosts[backend] = await CartHost.StartAsync(backend);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values) await host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CartCollection : ICollectionFixture<CartHosts>
{
    public const string Name = "cart";
}
