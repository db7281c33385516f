using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.State;

// Contract: https://docs.dapr.io/reference/api/state_api/ and https://docs.dapr.io/developing-applications/building-blocks/state-management/state-management-overview/
public sealed class StateConformanceTests
{
    [Fact]
    public async Task Saved_state_is_read_back_with_an_etag()
    {
        using var folder = ComponentsFolder.Create(Backends.InMemoryState);
        await using var runtime = LocalDaprRuntime.Create();
        await using var app = await DaprTestApp.StartAsync(runtime, "state-app", folder.Path);

        await app.Client.SaveStateAsync("statestore", "order-1", new { Total = 4200 });
        var (value, etag) = await app.Client.GetStateAndETagAsync<Dictionary<string, int>>("statestore", "order-1");

        value.Should().ContainKey("total").WhoseValue.Should().Be(4200);
        etag.Should().NotBeNullOrEmpty();
    }
}
