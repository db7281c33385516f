using SpaceOfSport.Ordering.Data;

namespace SpaceOfSport.Ordering.Privacy;

public static class PrivacyExtensions
{
    /// <summary>The guard that anonymises orders saved for an erased user, on whichever provider's context is in use.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<ErasedUsersOrderGuard>();
        services.ConfigureDbContext<SqliteOrderingDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<ErasedUsersOrderGuard>()));
        services.ConfigureDbContext<PostgresOrderingDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<ErasedUsersOrderGuard>()));
        return services;
    }
}
