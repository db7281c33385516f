using System.Globalization;
using LocalDapr.Components;
using LocalDapr.Sidecar;

namespace LocalDapr.Actors;

/// <summary>
/// When a timer or reminder fires, parsed as Dapr documents it
/// (https://docs.dapr.io/developing-applications/building-blocks/actors/actors-timers-reminders/): dueTime is an RFC 3339
/// time or a duration (Go or ISO 8601; empty = now), period a duration with optional ISO repetitions <c>R3/PT10S</c>
/// (empty = fire once), ttl an RFC 3339 time or a duration counted from registration.
/// </summary>
public sealed record ActorSchedule(DateTimeOffset FirstDueAt, TimeSpan? Period, int? Repetitions, DateTimeOffset? ExpiresAt)
{
    public static ActorSchedule Parse(string? dueTime, string? period, string? ttl, DateTimeOffset now, string errorCode)
    {
        var first = string.IsNullOrWhiteSpace(dueTime) ? now : Instant(dueTime, now, "dueTime", errorCode);
        TimeSpan? every = null;
        int? repetitions = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!DaprDuration.TryParse(period, out var value, out repetitions) || value < TimeSpan.Zero)
                throw DaprApiException.BadRequest(errorCode, $"error parsing period '{period}': not a duration or ISO 8601 repetition");
            if (repetitions is 0) throw DaprApiException.BadRequest(errorCode, $"error parsing period '{period}': repetitions must be greater than 0");
            every = value > TimeSpan.Zero ? value : null;
        }

        DateTimeOffset? expires = string.IsNullOrWhiteSpace(ttl) ? null : Instant(ttl, now, "ttl", errorCode);
        if (expires is { } end && end < first)
            throw DaprApiException.BadRequest(errorCode, $"ttl '{ttl}' ends before the first due time '{dueTime}'");
        return new ActorSchedule(first, every, every is null ? 1 : repetitions, expires);
    }

    /// <summary>The due time after one firing at <paramref name="firedDueAt"/>, or null when the schedule is over.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset firedDueAt, int? remainingBefore)
    {
        if (Period is not { } period || remainingBefore is <= 1) return null;
        var next = firedDueAt + period;
        return ExpiresAt is { } end && next > end ? null : next;
    }

    private static DateTimeOffset Instant(string text, DateTimeOffset now, string field, string errorCode)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Contains('T', StringComparison.Ordinal) && !text.StartsWith('P'))
            return at;
        if (DaprDuration.TryParse(text, out var after, out var repetitions) && repetitions is null && after >= TimeSpan.Zero)
            return now + after;
        throw DaprApiException.BadRequest(errorCode, $"error parsing {field} '{text}': expected an RFC 3339 time or a duration");
    }
}
