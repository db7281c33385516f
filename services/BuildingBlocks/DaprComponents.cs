namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// The names of the Dapr components the services use, as the YAML under <c>components/{embedded,local,aws}</c> declares
/// them. The YAML decides what is behind each name; code never spells a component name itself.
/// </summary>
public static class DaprComponents
{
    /// <summary>Pub/sub for every integration event.</summary>
    public const string PubSub = "pubsub";

    /// <summary>
    /// Pub/sub on the same broker and topics as <see cref="PubSub"/>, but every replica of a subscribing app gets its own
    /// copy of each event (consumerID per pod): the catalog's in-memory search index and stock mirror. Publish through
    /// <see cref="PubSub"/>; subscribe here only when each replica must see everything. (The hub has its own
    /// <see cref="HubPubSub"/>, tuned for live notifications: short retention, few retries.)
    /// </summary>
    public const string BroadcastPubSub = "pubsub-broadcast";

    /// <summary>
    /// The same broker as <see cref="PubSub"/>, with one consumer group per replica (<c>consumerID: "{podName}"</c>):
    /// every replica of the real-time hub receives every event, to tell its own connections.
    /// </summary>
    public const string HubPubSub = "hub-pubsub";

    /// <summary>Key-value state: carts, idempotency records.</summary>
    public const string StateStore = "statestore";

    /// <summary>
    /// The same store as <see cref="StateStore"/> (same data, same keys) with Dapr's transactional outbox to cart's
    /// <c>cart-changed</c> topic: a state transaction through it publishes each upsert's <c>outbox.projection</c>.
    /// </summary>
    public const string CartChangedOutbox = "cart-changed-outbox";

    /// <summary>As <see cref="CartChangedOutbox"/>, to cart's <c>cart-abandoned</c> topic.</summary>
    public const string CartAbandonedOutbox = "cart-abandoned-outbox";

    /// <summary>The store marked <c>actorStateStore: "true"</c>: actor and workflow state.</summary>
    public const string ActorStateStore = "actorstore";

    /// <summary>Secrets: signing keys, the bootstrap admin, gateway keys.</summary>
    public const string SecretStore = "secretstore";

    /// <summary>Output binding for email.</summary>
    public const string Email = "email";

    /// <summary>Output binding for SMS.</summary>
    public const string Sms = "sms";

    /// <summary>Input binding of delivery partners' shipment events (ordering; a queue on AWS).</summary>
    public const string DeliveryEvents = "delivery-events";

    /// <summary>Output binding for signed webhooks to partners.</summary>
    public const string PartnerWebhooks = "partner-webhooks";
}
