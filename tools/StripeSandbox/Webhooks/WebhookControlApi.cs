using StripeSandbox.Api;

namespace StripeSandbox.Webhooks;

/// <summary>
/// The sandbox's own switches (not Stripe's API): how webhooks misbehave, releasing held events, the delivery log, and
/// resending an event as the dashboard's "Resend" button does.
/// </summary>
public static class WebhookControlApi
{
    public static WebApplication MapWebhookControlApi(this WebApplication app)
    {
        var control = app.MapGroup("/sandbox");
        control.MapGet("/webhooks/switches", GetSwitches).WithName("GetWebhookSwitches").WithSummary("How webhooks are delivered now.");
        control.MapPut("/webhooks/switches", SetSwitches).WithName("SetWebhookSwitches").WithSummary("Delay, duplicate, or hold events for reordering.");
        control.MapPost("/webhooks/release", Release).WithName("ReleaseHeldWebhooks").WithSummary("Delivers the held events newest first and stops holding.");
        control.MapGet("/webhooks/attempts", Attempts).WithName("WebhookAttempts").WithSummary("Every delivery attempt so far (optionally of one event).");
        control.MapPost("/events/{id}/resend", Resend).WithName("ResendEvent").WithSummary("Delivers an event again to every endpoint.");
        return app;
    }

    public static WebhookSwitches GetSwitches(WebhookDispatcher webhooks) => webhooks.Switches;

    public static WebhookSwitches SetSwitches(WebhookSwitches switches, WebhookDispatcher webhooks) => webhooks.Switches = switches;

    public static ReleasedEvents Release(WebhookDispatcher webhooks) => new(webhooks.Release());

    public static IEnumerable<DeliveryAttempt> Attempts(string? eventId, WebhookDispatcher webhooks) =>
        webhooks.Attempts.Where(a => eventId is null || a.EventId == eventId);

    public static IResult Resend(string id, SandboxAccount account)
    {
        try
        {
            account.ResendEvent(id);
            return Results.Accepted();
        }
        catch (StripeErrorException error)
        {
            return StripeJson.From(error);
        }
    }

    public sealed record ReleasedEvents(int Released);
}
