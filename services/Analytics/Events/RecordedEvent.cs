namespace SpaceOfSport.Analytics.Events;

/// <summary>
/// One raw event as analytics keeps it for the retention window: a usage event from the storefront or a business event
/// from another service, by its own id (the dedupe key). No IP address, user agent or other personal data beyond the
/// first-party visitor id and the signed-in user's id is stored.
/// </summary>
public sealed class RecordedEvent
{
    public const int MaxVisitorIdLength = 64;
    public const int MaxSkuLength = 64;
    public const int MaxPathLength = 512;
    public const int MaxQueryLength = 100;

    /// <summary>The sender's event id (UUID): a second delivery of it is a duplicate.</summary>
    public Guid Id { get; init; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The storefront's first-party cookie value (usage events only).</summary>
    public string? VisitorId { get; init; }

    public Guid? UserId { get; init; }

    public Guid? ProductId { get; init; }

    public string? Sku { get; init; }

    /// <summary>The page's path (no query string: it may carry personal data).</summary>
    public string? Path { get; init; }

    /// <summary>A search's text, normalized (trimmed, lower case, single spaces).</summary>
    public string? Query { get; init; }

    public int? ResultCount { get; init; }

    public int? Quantity { get; init; }

    public Guid? OrderId { get; init; }

    /// <summary>Money of the event in minor units of <see cref="Currency"/> (order total, refund, abandoned cart's estimated value).</summary>
    public long? AmountMinor { get; init; }

    public string? Currency { get; init; }

    /// <summary>An order's, cart's or return's lines.</summary>
    public List<EventLine> Lines { get; init; } = [];
}

/// <summary>A line of an order (amount = line total), abandoned cart (amount = estimated) or return (with its reason).</summary>
public sealed record EventLine(string Sku, int Quantity, long AmountMinor, string? Reason = null);
