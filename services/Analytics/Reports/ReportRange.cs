namespace SpaceOfSport.Analytics.Reports;

/// <summary>How a report groups its series.</summary>
public enum ReportPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>
/// Local dates <see cref="From"/> to <see cref="To"/> (both included) in <see cref="TimeZone"/>, as the UTC instants
/// the rollups are read between. In UTC the daily rollups answer; elsewhere the hourly ones, regrouped by local day (a
/// zone whose offset is not whole hours groups each hour by the local time it starts at).
/// </summary>
public sealed record ReportRange(DateOnly From, DateOnly To, TimeZoneInfo TimeZone)
{
    public const int MaxDays = 366;

    public DateTimeOffset StartUtc => LocalMidnightUtc(From);

    public DateTimeOffset EndUtc => LocalMidnightUtc(To.AddDays(1));

    public bool DailyRollupsFit => TimeZone.BaseUtcOffset == TimeSpan.Zero && !TimeZone.SupportsDaylightSavingTime;

    /// <summary>The same number of days just before this range (for comparisons).</summary>
    public ReportRange Previous
    {
        get
        {
            var days = To.DayNumber - From.DayNumber + 1;
            return this with { From = From.AddDays(-days), To = From.AddDays(-1) };
        }
    }

    /// <summary>The local date an instant falls on.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The first local date of the period (day, ISO week starting Monday, month) holding <paramref name="date"/>.</summary>
    public static DateOnly PeriodStart(DateOnly date, ReportPeriod period) => period switch
    {
        ReportPeriod.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        ReportPeriod.Month => new DateOnly(date.Year, date.Month, 1),
        _ => date,
    };

    /// <summary>The range, or why the arguments make none.</summary>
    public static (ReportRange? Range, string? Problem) Create(DateOnly from, DateOnly to, string? timeZone)
    {
        if (to < from) return (null, "to must not be before from");
        if (to.DayNumber - from.DayNumber + 1 > MaxDays) return (null, $"a report covers at most {MaxDays} days");
        try
        {
            return (new ReportRange(from, to, TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone)), null);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return (null, $"timeZone '{timeZone}' is not an IANA time zone (e.g. Europe/Berlin)");
        }
    }

    private DateTimeOffset LocalMidnightUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving change starts the day an hour later.
        while (TimeZone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
