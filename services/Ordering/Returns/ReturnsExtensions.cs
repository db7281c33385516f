namespace SpaceOfSport.Ordering.Returns;

public static class ReturnsExtensions
{
    public static IServiceCollection AddReturns(this IServiceCollection services) => services.AddScoped<ReturnsService>();
}
