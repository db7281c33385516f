using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Notifications.Customers;
using SpaceOfSport.Notifications.Email;
using SpaceOfSport.Notifications.Marketing;
using SpaceOfSport.Notifications.Push;
using SpaceOfSport.Notifications.Sms;
using SpaceOfSport.Notifications.Templates;

namespace SpaceOfSport.Notifications.Messages;

/// <summary>
/// One message to one customer because of one event: <paramref name="Template"/> rendered with
/// <paramref name="Model"/>; <paramref name="Link"/> (a path of the shop, or an absolute http(s) URL such as a
/// tracking page) is the message's button; a <paramref name="MarketingList"/> message carries an unsubscribe link.
/// <paramref name="Contact"/> is given when identity can no longer be asked (account deleted).
/// </summary>
public sealed record Notification(
    Guid EventId,
    Guid UserId,
    string Template,
    IReadOnlyDictionary<string, object?> Model,
    string? Link = null,
    string? MarketingList = null,
    CustomerContact? Contact = null);

/// <summary>
/// Sends a notification on each channel the customer has turned on (email needs an address, SMS a phone), each
/// channel at most once per event: a delivery record is claimed before sending and completed after, so a redelivered
/// event skips what went out. A failed send is retried (the event is redelivered) up to
/// <see cref="NotificationSettings.MaxAttempts"/>, then logged as failed for good: visible, never dropped silently.
/// </summary>
public sealed partial class NotificationDispatcher(
    CustomerDirectory customers,
    TemplateRenderer templates,
    MarketingLists lists,
    DeliveryStore deliveries,
    EmailSender email,
    SmsSender sms,
    PushSender push,
    IOptions<NotificationSettings> settings,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    public async Task DispatchAsync(Notification notification, CancellationToken cancellationToken)
    {
        var contact = notification.Contact ?? await customers.FindAsync(notification.UserId, cancellationToken);
        if (contact is null) return; // no such customer any more: nobody to tell
        if (notification.MarketingList is { } list && await lists.HasUnsubscribedAsync(list, notification.UserId, cancellationToken)) return;

        var channels = Channels(contact);
        if (channels.Count == 0) return;
        var unsubscribeUrl = notification.MarketingList is { } marketing ? await lists.UnsubscribeUrlAsync(marketing, notification.UserId, cancellationToken) : null;
        var link = Link(notification.Link);
        var model = new Dictionary<string, object?>(notification.Model) { ["name"] = contact.Name };
        var message = templates.Render(notification.Template, contact.Locale, model, link, unsubscribeUrl);

        DependencyUnavailableException? retry = null;
        foreach (var channel in channels)
        {
            try
            {
                await DeliverOnceAsync(notification, message, channel, (deliveryId, ct) => channel switch
                {
                    NotificationChannels.Email => email.SendAsync(message, contact.Email!, contact.Name, deliveryId, unsubscribeUrl, ct),
                    NotificationChannels.Sms => sms.SendAsync(message.Template, contact.Phone!, message.Sms, deliveryId, ct),
                    _ => push.SendAsync(contact.UserId, message, link, deliveryId, ct),
                }, cancellationToken);
            }
            catch (DependencyUnavailableException exception)
            {
                // The other channels still go out now; this one comes back with the redelivered event.
                retry = exception;
            }
        }
        if (retry is not null) throw retry;
    }

    /// <summary>
    /// The channels the customer turned on and can be reached on; a channel turned off is never used. Email goes last,
    /// so once the email of an event is logged, every other channel of it was decided.
    /// </summary>
    public static IReadOnlyList<string> Channels(CustomerContact contact)
    {
        List<string> channels = [];
        if (contact.Communication.Sms && !string.IsNullOrWhiteSpace(contact.Phone)) channels.Add(NotificationChannels.Sms);
        if (contact.Communication.Push) channels.Add(NotificationChannels.Push);
        if (contact.Communication.Email && !string.IsNullOrWhiteSpace(contact.Email)) channels.Add(NotificationChannels.Email);
        return channels;
    }

    private async Task DeliverOnceAsync(Notification notification, RenderedMessage message, string channel, Func<Guid, CancellationToken, Task<string>> send, CancellationToken cancellationToken)
    {
        var key = DeliveryStore.Key(notification.EventId, notification.UserId, channel);
        var (existing, etag) = await deliveries.GetAsync(key, cancellationToken);
        var now = clock.GetUtcNow();
        if (existing is { Status: DeliveryStatus.Sent or DeliveryStatus.Failed }) return;
        // Another replica is sending it right now (unless it claimed it so long ago that it must have died).
        if (existing is { Status: DeliveryStatus.Sending } && now - existing.UpdatedAt < settings.Value.ClaimTimeout) return;

        var claimed = (existing ?? new Delivery(Guid.CreateVersion7(), notification.EventId, notification.UserId, message.Template, channel, message.Locale,
            DeliveryStatus.Sending, 0, null, null, now, now)) with
        { Status = DeliveryStatus.Sending, Attempts = (existing?.Attempts ?? 0) + 1, UpdatedAt = now };
        if (!await deliveries.TrySaveAsync(key, claimed, etag, cancellationToken)) return;
        var (_, claimETag) = await deliveries.GetAsync(key, cancellationToken);

        Delivery done;
        Exception? failure = null;
        try
        {
            var reference = await send(claimed.Id, cancellationToken);
            done = claimed with { Status = DeliveryStatus.Sent, Error = null, Reference = reference, UpdatedAt = clock.GetUtcNow() };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = exception;
            var final = claimed.Attempts >= settings.Value.MaxAttempts;
            LogSendFailed(logger, exception, channel, message.Template, notification.EventId, claimed.Attempts, final);
            done = claimed with { Status = final ? DeliveryStatus.Failed : DeliveryStatus.Retrying, Error = exception.GetBaseException().Message, UpdatedAt = clock.GetUtcNow() };
        }

        await deliveries.TrySaveAsync(key, done, claimETag, cancellationToken);
        if (done.Status == DeliveryStatus.Retrying) throw new DependencyUnavailableException(channel, failure!);
    }

    /// <summary>The button's address: a path on the shop, or an absolute http(s) URL; anything else (javascript:...) is no link.</summary>
    private string? Link(string? link) =>
        link is null ? null
        : link.StartsWith('/') ? new Uri(settings.Value.ShopUrl, link).ToString()
        : Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http" ? absolute.ToString()
        : null;

    [LoggerMessage(LogLevel.Warning, "Sending {Channel} message {Template} for event {EventId} failed (attempt {Attempt}, final: {Final})")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string channel, string template, Guid eventId, int attempt, bool final);
}
