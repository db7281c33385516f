namespace SpaceOfSport.Audit.Ledger;

/// <summary>
/// One recorded action, never changed once written: <see cref="Hash"/> chains it to the entry before it
/// (<see cref="EntryHashing"/>). The database refuses updates and deletes (Data/README in the service README).
/// </summary>
public sealed class LedgerEntry
{
    public const int MaxActorLength = 200;
    public const int MaxActionLength = 100;
    public const int MaxSubjectLength = 300;
    public const int MaxSourceEventIdLength = 200;

    /// <summary>1, 2, 3, ... without gaps: a missing number is a deleted entry.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the ledger recorded the entry, in UTC, to the millisecond (what both providers keep exactly).</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Who acted: <c>user:{id}</c>, or <c>app:{app-id}</c> when no person did.</summary>
    public required string Actor { get; init; }

    /// <summary>What was done, e.g. <c>catalog.price-changed</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, e.g. <c>variant:{id}</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the subject's state before the action, when the source knew it.</summary>
    public string? BeforeDigest { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the subject's state after the action, when the source knew it.</summary>
    public string? AfterDigest { get; init; }

    /// <summary>The event (or caller's request) id the entry records: the same id is recorded once.</summary>
    public required string SourceEventId { get; init; }

    /// <summary>The hash of entry <see cref="Sequence"/> − 1 (64 zeros for the first).</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 over <see cref="PreviousHash"/> and the entry's RFC 8785 canonical JSON (lowercase hex).</summary>
    public required string Hash { get; init; }
}
