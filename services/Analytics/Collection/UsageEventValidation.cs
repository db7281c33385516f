using System.Text.RegularExpressions;
using SpaceOfSport.Analytics.Events;
using SpaceOfSport.BuildingBlocks.Validation;

namespace SpaceOfSport.Analytics.Collection;

/// <summary>Turns a batch into events to record, or field-level errors (<c>events[3].productId</c>) when any event is malformed: a batch is all or nothing.</summary>
public static partial class UsageEventValidation
{
    public const int MaxSizeLength = 16;
    public const int MaxQuantity = 100;

    public static (IReadOnlyList<(RecordedEvent Event, string? Size)> Events, Dictionary<string, string[]> Errors) Validate(
        UsageEventBatch? batch, DateTimeOffset now, CollectionOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        var events = new List<(RecordedEvent, string?)>();
        if (batch?.Events is not { Count: > 0 and <= CollectionOptions.MaxBatchSize } list)
        {
            errors["events"] = [$"send 1 to {CollectionOptions.MaxBatchSize} events"];
            return (events, errors);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var prefix = $"events[{i}]";
            if (list[i] is not { } e)
            {
                errors[prefix] = ["is null"];
                continue;
            }
            void Error(string field, string message) => errors[$"{prefix}.{field}"] = [message];

            if (e.Id is not { } id || id == Guid.Empty) Error("id", "a UUID is required");
            if (e.Type is null || !EventTypes.Usage.Contains(e.Type)) Error("type", $"must be one of {string.Join(", ", EventTypes.Usage)}");
            if (e.OccurredAt is not { } at) Error("occurredAt", "is required");
            else if (at > now + options.WebhookTolerance || at < now - options.MaxEventAge)
                Error("occurredAt", $"must lie between {options.MaxEventAge.TotalHours:0} h ago and now");
            if (string.IsNullOrWhiteSpace(e.VisitorId) || e.VisitorId.Length > RecordedEvent.MaxVisitorIdLength || !TextRules.IsSingleLine(e.VisitorId))
                Error("visitorId", $"1 to {RecordedEvent.MaxVisitorIdLength} characters on one line are required");
            if (e.UserId == Guid.Empty) Error("userId", "is not a user id");

            // A page's query string may carry personal data (emails in links, tokens): only the path is kept.
            var path = e.Path?.Split('?', '#')[0];
            if (path is not null && (path.Length is 0 or > RecordedEvent.MaxPathLength || !path.StartsWith('/') || !TextRules.IsSingleLine(path)))
                Error("path", $"an absolute path of at most {RecordedEvent.MaxPathLength} characters is expected");
            if (e.Sku is not null && (e.Sku.Length is 0 or > RecordedEvent.MaxSkuLength || !TextRules.IsSingleLine(e.Sku)))
                Error("sku", $"1 to {RecordedEvent.MaxSkuLength} characters on one line");
            if (e.Size is not null && (e.Size.Length is 0 or > MaxSizeLength || !TextRules.IsSingleLine(e.Size)))
                Error("size", $"1 to {MaxSizeLength} characters on one line");
            if (e.ProductId == Guid.Empty) Error("productId", "is not a product id");
            var query = e.Query is null ? null : Spaces().Replace(e.Query.Trim(), " ").ToLowerInvariant();
            if (query is not null && (query.Length is 0 or > RecordedEvent.MaxQueryLength || !TextRules.IsSingleLine(query)))
                Error("query", $"1 to {RecordedEvent.MaxQueryLength} characters on one line");
            if (e.ResultCount is < 0) Error("resultCount", "must not be negative");
            if (e.Quantity is < 1 or > MaxQuantity) Error("quantity", $"must be between 1 and {MaxQuantity}");

            switch (e.Type)
            {
                case EventTypes.PageViewed when e.Path is null:
                    Error("path", "is required for page-viewed");
                    break;
                case EventTypes.ProductViewed or EventTypes.RecommendationShown or EventTypes.RecommendationClicked when e.ProductId is null:
                    Error("productId", $"is required for {e.Type}");
                    break;
                case EventTypes.AddedToCart when e.ProductId is null || e.Sku is null:
                    Error(e.ProductId is null ? "productId" : "sku", "productId and sku are required for added-to-cart");
                    break;
                case EventTypes.SearchPerformed when query is null || e.ResultCount is null:
                    Error(query is null ? "query" : "resultCount", "query and resultCount are required for search-performed");
                    break;
            }

            if (errors.Count > 0) continue;
            events.Add((new RecordedEvent
            {
                Id = e.Id!.Value,
                Type = e.Type!,
                OccurredAt = e.OccurredAt!.Value.ToUniversalTime(),
                ReceivedAt = now,
                VisitorId = e.VisitorId,
                UserId = e.UserId,
                Path = path,
                ProductId = e.ProductId,
                Sku = e.Sku,
                Query = query,
                ResultCount = e.ResultCount,
                Quantity = e.Type == EventTypes.AddedToCart ? e.Quantity ?? 1 : e.Quantity,
            }, e.Size));
        }
        return (events, errors);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
