using Dapr.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Notifications.Alerts;
using SpaceOfSport.Notifications.Customers;
using SpaceOfSport.Notifications.Email;
using SpaceOfSport.Notifications.Marketing;
using SpaceOfSport.Notifications.Messages;
using SpaceOfSport.Notifications.Push;
using SpaceOfSport.Notifications.Realtime;
using SpaceOfSport.Notifications.Sms;
using SpaceOfSport.Notifications.Templates;
using SpaceOfSport.Notifications.Webhooks;

namespace SpaceOfSport.Notifications;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOpenApi();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<HubSettings>().Bind(builder.Configuration.GetSection(HubSettings.Section));

        builder.AddJwtAuthentication();
        // SignalR's clients send the token as a query over WebSockets; it is read on the hub's path only.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure(options =>
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (HubGate.IsHubRequest(context.HttpContext) && HubGate.PresentedCredential(context.Request) is { } credential
                        && HubGate.LooksLikeAccessToken(credential)) context.Token = credential;
                    return Task.CompletedTask;
                },
            });

        services.AddSignalR(hub => hub.AddFilter<HubFailureLog>());
        services.AddOptions<HubOptions>().Configure<IOptions<HubSettings>>((hub, settings) =>
        {
            hub.MaximumReceiveMessageSize = settings.Value.MaxMessageSize;
            hub.ClientTimeoutInterval = settings.Value.ClientTimeout;
            hub.KeepAliveInterval = settings.Value.KeepAliveInterval;
            hub.EnableDetailedErrors = false;
        });
        services.AddSingleton<HubConnections>();
        services.AddHostedService(provider => provider.GetRequiredService<HubConnections>());
        services.AddSingleton<ChannelLogStore>();
        services.AddSingleton<ChannelViews>();
        services.AddSingleton<ChannelPublisher>();
        services.AddSingleton<TicketStore>();
        services.AddSingleton<AlertStore>();

        services.AddOptions<NotificationSettings>().Bind(builder.Configuration.GetSection(NotificationSettings.Section));
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<OutputBindings>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<MarketingLists>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<SmsSender>();
        services.AddSingleton<PushSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddOptions<WebhookSettings>().Bind(builder.Configuration.GetSection(WebhookSettings.Section));
        services.AddSingleton<EndpointAddressRules>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<PartnerEventQueue>();
        services.AddSingleton<WebhookDeliveryWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDeliveryWorker>());
        services.AddHttpClient<WebhookSender>(WebhookSender.ClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<WebhookSettings>>().Value.AttemptTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = provider.GetRequiredService<EndpointAddressRules>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
            });
        // Identity through the sidecar (service invocation), with the Dapr API token when the sidecar wants one.
        services.AddHttpClient<CustomerDirectory>(client =>
        {
            client.BaseAddress = new Uri($"http://{TokenConventions.IdentityAppId}");
            client.Timeout = TimeSpan.FromSeconds(10);
            if (DaprSidecar.ApiToken(builder.Configuration) is { } token) client.DefaultRequestHeaders.Add(DaprSidecar.ApiTokenHeader, token);
        }).AddHttpMessageHandler(() => new InvocationHandler { DaprEndpoint = DaprSidecar.HttpEndpoint(builder.Configuration).ToString() });
    }

    /// <summary>The hub at <c>/ws</c>: its door first (origin, credentials), then SignalR over WebSockets only.</summary>
    public static WebApplication MapRealtimeHub(this WebApplication app)
    {
        app.Use(HubGate.GuardAsync);
        // WebSockets only: a client skips negotiation, so any replica can take any connection without sticky sessions.
        app.MapHub<RealtimeHub>(RealtimeHub.Path, connection => connection.Transports = HttpTransportType.WebSockets);
        return app;
    }
}
