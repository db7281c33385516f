namespace SpaceOfSport.Audit.Ledger;

/// <summary>A search of the ledger: every filter optional, results in sequence order, a page after <see cref="AfterSequence"/>.</summary>
public sealed record LedgerQuery(
    string? Actor,
    string? Subject,
    string? Action,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int PageSize,
    long AfterSequence)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The first thing wrong with the query (field and detail), or null.</summary>
    public (string Field, string Detail)? Problem()
    {
        if (PageSize is < 0 or > MaxPageSize) return ("page_size", $"must be between 1 and {MaxPageSize} (0 for {DefaultPageSize})");
        if (From is { } from && To is { } to && to < from) return ("to", "must not be before from");
        return AfterSequence < 0 ? ("page_token", "is not a page token this ledger gave") : null;
    }
}
