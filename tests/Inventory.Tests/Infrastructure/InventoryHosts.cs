using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Inventory.Tests.Infrastructure;

/// <summary>One inventory service per provider, shared by a test class; tests keep apart by unique SKUs.</summary>
public sealed class InventoryHosts : IAsyncLifetime
{
    private readonly Dictionary<string, InventoryHost> _hosts = [];

    public InventoryHost this[string provider] => _hosts[provider];

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { TestDatabases.Sqlite, TestDatabases.Postgres })
        {
            _hosts[provider] = await InventoryHost.StartAsync(provider);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values) await host.DisposeAsync();
    }
}
