using StripeSandbox.Api;
using StripeSandbox.Webhooks;

namespace StripeSandbox;

public static class Extensions
{
    public static void AddSandbox(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxAccount>();
        services.AddSingleton<IdempotentResults>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
    }
}
