namespace SpaceOfSport.Audit.Ledger;

/// <summary>What a source asks the ledger to record; the ledger adds the sequence, the time and the hashes.</summary>
public sealed record EntryDraft(string Actor, string Action, string Subject, string? BeforeDigest, string? AfterDigest, string SourceEventId)
{
    /// <summary>The first thing wrong with the draft (field and detail), or null.</summary>
    public (string Field, string Detail)? Problem()
    {
        if (Text(Actor, LedgerEntry.MaxActorLength) is { } actor) return ("actor", actor);
        if (Text(Action, LedgerEntry.MaxActionLength) is { } action) return ("action", action);
        if (Text(Subject, LedgerEntry.MaxSubjectLength) is { } subject) return ("subject", subject);
        if (Text(SourceEventId, LedgerEntry.MaxSourceEventIdLength) is { } source) return ("source_event_id", source);
        if (BeforeDigest is not null && !EntryHashing.IsDigest(BeforeDigest)) return ("before_digest", "must be a SHA-256 digest in lowercase hex (64 characters)");
        if (AfterDigest is not null && !EntryHashing.IsDigest(AfterDigest)) return ("after_digest", "must be a SHA-256 digest in lowercase hex (64 characters)");
        return null;
    }

    private static string? Text(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return "is required";
        if (value.Length > maxLength) return $"must be at most {maxLength} characters";
        return value.Any(char.IsControl) ? "must not contain control characters" : null;
    }
}
