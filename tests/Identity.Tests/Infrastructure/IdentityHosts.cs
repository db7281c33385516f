using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Identity.Tests.Infrastructure;

/// <summary>One identity service per provider, shared by a test class; tests keep apart by unique emails.</summary>
public sealed class IdentityHosts : IAsyncLifetime
{
    private readonly Dictionary<string, IdentityHost> _hosts = [];

    public IdentityHost this[string provider] => _hosts[provider];

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { TestDatabases.Sqlite, TestDatabases.Postgres })
        {
            _hosts[provider] = await IdentityHost.StartAsync(provider);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values) await host.DisposeAsync();
    }
}
