namespace SpaceOfSport.Ordering.Delivery;

public static class DeliveryExtensions
{
    /// <summary>Delivery partners' events: the signature check (secret from the secret store) and the handler.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        services.AddSingleton<DeliveryWebhookVerifier>();
        services.AddScoped<DeliveryEventHandler>();
        return services;
    }
}
