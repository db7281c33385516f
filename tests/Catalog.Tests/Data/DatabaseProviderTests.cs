using Microsoft.AspNetCore.Mvc.Testing;
using SpaceOfSport.BuildingBlocks.Data;

namespace SpaceOfSport.Catalog.Tests.Data;

/// <summary>The catalog picks its database from <c>Database:Provider</c> like every service, and refuses what it does not know.</summary>
public sealed class DatabaseProviderTests
{
    [Theory]
    [InlineData("postgresql")]
    [InlineData("mysql")]
    public void An_unknown_database_provider_stops_the_start_with_an_error_naming_the_setting(string provider)
    {
        using var catalog = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Testing")
            .UseSetting(ServiceDatabase.ProviderSetting, provider)
            .UseSetting("ConnectionStrings:catalog", $"Data Source={Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.db")}"));

        var start = () => catalog.Server;

        start.Should().Throw<InvalidOperationException>()
            .WithMessage($"*{ServiceDatabase.ProviderSetting}*'{provider}'*not supported*");
    }
}
