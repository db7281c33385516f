namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>One <see cref="SeededOrdersHost"/> per test class; tests keep apart by their own orders and customers.</summary>
public sealed class SeededOrdersFixture : IAsyncLifetime
{
    public SeededOrdersHost Host { get; } = new();

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}
