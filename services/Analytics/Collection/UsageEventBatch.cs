namespace SpaceOfSport.Analytics.Collection;

/// <summary>The body of <c>POST /webhooks/events</c>: 1 to 500 usage events from the storefront's server.</summary>
public sealed record UsageEventBatch(IReadOnlyList<UsageEvent?>? Events);

/// <summary>
/// One usage event. <see cref="VisitorId"/> is the storefront's first-party cookie; <see cref="UserId"/> the signed-in
/// customer. Which other fields are required depends on <see cref="Type"/> (services/Analytics/README.md).
/// </summary>
public sealed record UsageEvent(
    Guid? Id,
    string? Type,
    DateTimeOffset? OccurredAt,
    string? VisitorId,
    Guid? UserId,
    string? Path,
    Guid? ProductId,
    string? Sku,
    string? Size,
    string? Query,
    int? ResultCount,
    int? Quantity);

/// <summary>What a batch did: events recorded now, and events already recorded (replays, retries) that changed nothing.</summary>
public sealed record EventsReceipt(int Accepted, int Duplicates);
