using System.Globalization;
using Cronos;
using LocalDapr.Components;

namespace LocalDapr.Bindings;

/// <summary>
/// <c>bindings.cron</c> (https://docs.dapr.io/reference/components-reference/supported-bindings/cron/): an input
/// binding that fires on <c>schedule</c>, accepted as daprd accepts it: six fields (seconds first), five fields,
/// <c>@every 15s</c> (a Go duration, whole seconds, at least one), the descriptors @yearly, @annually, @monthly,
/// @weekly, @daily, @midnight and @hourly, and an optional <c>CRON_TZ=Zone</c> prefix. Each event has no data and the
/// metadata <c>timeZone</c> and <c>readTimeUTC</c>; a failed delivery is not retried (the next tick comes anyway).
/// </summary>
public sealed class CronBinding : IInputBinding
{
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(30);

    private readonly TimeProvider _clock;
    private readonly TimeZoneInfo _zone;
    private readonly Func<DateTimeOffset, DateTimeOffset?> _next;

    public CronBinding(ComponentContext context)
    {
        _clock = context.Services.Clock;
        var schedule = context.Required("schedule").Trim();
        try
        {
            (_zone, _next) = Parse(schedule);
        }
        catch (Exception e) when (e is FormatException or CronFormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw context.Error($"invalid schedule format '{schedule}': {e.Message}");
        }
    }

    public async Task RunAsync(Func<InputBindingEvent, CancellationToken, Task<bool>> deliver, CancellationToken cancellationToken)
    {
        var next = _next(_clock.GetUtcNow());
        while (next is { } due)
        {
            // Task.Delay waits at most about 49.7 days, so a longer wait (@yearly) is slept in parts.
            for (var wait = due - _clock.GetUtcNow(); wait > TimeSpan.Zero; wait = due - _clock.GetUtcNow())
            {
                await Task.Delay(wait < LongestDelay ? wait : LongestDelay, _clock, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["timeZone"] = _zone.Id,
                ["readTimeUTC"] = _clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fffffff '+0000 UTC'", CultureInfo.InvariantCulture),
            };
            await deliver(new InputBindingEvent([], metadata), cancellationToken);

            // Ticks missed while the app was busy are skipped, as a cron scheduler does.
            var now = _clock.GetUtcNow();
            next = _next(due);
            while (next is { } later && later <= now) next = _next(later);
        }

        await Task.Delay(Timeout.InfiniteTimeSpan, _clock, cancellationToken);
    }

    private static (TimeZoneInfo Zone, Func<DateTimeOffset, DateTimeOffset?> Next) Parse(string schedule)
    {
        var zone = TimeZoneInfo.Local;
        foreach (var prefix in new[] { "CRON_TZ=", "TZ=" })
        {
            if (!schedule.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var end = schedule.IndexOf(' ', StringComparison.Ordinal);
            if (end < 0) throw new FormatException("a time zone prefix must be followed by a schedule");
            zone = TimeZoneInfo.FindSystemTimeZoneById(schedule[prefix.Length..end]);
            schedule = schedule[(end + 1)..].Trim();
        }

        if (schedule.StartsWith("@every ", StringComparison.Ordinal))
        {
            var text = schedule["@every ".Length..].Trim();
            if (!DaprDuration.TryParse(text, out var interval, out _) || interval <= TimeSpan.Zero)
                throw new FormatException($"'{text}' is not a positive duration");
            // As robfig/cron: the interval is cut to whole seconds, and is at least one second.
            interval = TimeSpan.FromSeconds(Math.Max(1, Math.Floor(interval.TotalSeconds)));
            return (zone, from => from + interval);
        }

        var expression = schedule.StartsWith('@')
            ? CronExpression.Parse(Descriptor(schedule), CronFormat.IncludeSeconds)
            : schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length switch
            {
                6 => CronExpression.Parse(schedule, CronFormat.IncludeSeconds),
                5 => CronExpression.Parse(schedule, CronFormat.Standard),
                var count => throw new FormatException($"expected 5 or 6 fields, found {count}"),
            };
        return (zone, from => expression.GetNextOccurrence(from, zone));
    }

    private static string Descriptor(string descriptor) => descriptor switch
    {
        "@yearly" or "@annually" => "0 0 0 1 1 *",
        "@monthly" => "0 0 0 1 * *",
        "@weekly" => "0 0 0 * * 0",
        "@daily" or "@midnight" => "0 0 0 * * *",
        "@hourly" => "0 0 * * * *",
        _ => throw new FormatException($"unrecognized descriptor {descriptor}"),
    };
}
