using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpaceOfSport.BuildingBlocks.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Runs an <see cref="OutboxDispatcher{TDbContext}"/> for <typeparamref name="TDbContext"/> (which must call
    /// <see cref="OutboxModelBuilderExtensions.AddOutbox"/>). Add the interceptor to the context's options with
    /// <see cref="UseOutbox"/> so saved events are published at once rather than at the next poll.
    /// </summary>
    public static IServiceCollection AddOutbox<TDbContext>(this IServiceCollection services, Action<OutboxOptions>? configure = null)
        where TDbContext : DbContext
    {
        services.AddOptions<OutboxOptions>().Configure(options => configure?.Invoke(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveChangesInterceptor>();
        services.AddSingleton<OutboxDispatcher<TDbContext>>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher<TDbContext>>());
        return services;
    }

    /// <summary>In <c>AddDbContext((provider, options) =&gt; options.UseOutbox(provider)...)</c>.</summary>
    public static DbContextOptionsBuilder UseOutbox(this DbContextOptionsBuilder options, IServiceProvider provider) =>
        options.AddInterceptors(provider.GetRequiredService<OutboxSaveChangesInterceptor>());
}
