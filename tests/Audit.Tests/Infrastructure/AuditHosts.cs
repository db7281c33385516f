using SpaceOfSport.TestSupport;

namespace SpaceOfSport.Audit.Tests.Infrastructure;

/// <summary>One audit service per provider, shared by a test class whose tests leave the ledger sound.</summary>
public sealed class AuditHosts : IAsyncLifetime
{
    private readonly Dictionary<string, AuditHost> _hosts = [];

    public AuditHost this[string provider] => _hosts[provider];

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { TestDatabases.Sqlite, TestDatabases.Postgres })
            _hosts[provider] = await AuditHost.StartAsync(provider);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values) await host.DisposeAsync();
    }
}
