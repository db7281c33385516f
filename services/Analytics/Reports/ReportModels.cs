using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Analytics.Reports;

public sealed record SalesTotals(Money Revenue, long Orders, Money AverageOrderValue, long Units);

public sealed record SalesBucket(DateOnly Start, SalesTotals Totals);

/// <summary>Sales in one currency over a range, its series by period, and the same figures for the period just before.</summary>
public sealed record SalesReport(DateOnly From, DateOnly To, string TimeZone, SalesTotals Totals, SalesTotals Previous, double? RevenueChange, double? OrdersChange, IReadOnlyList<SalesBucket> Series);

/// <summary>One step of the funnel: events counted, and the share of the step before and of the first step.</summary>
public sealed record FunnelStage(string Stage, long Count, double? RateFromPrevious, double? RateFromFirst);

/// <summary>Carts abandoned against orders paid: rate = abandoned / (abandoned + paid); value at last known prices.</summary>
public sealed record CartAbandonmentReport(long Abandoned, long OrdersPaid, double? Rate, Money Value);

public sealed record SearchTerm(string Query, long Count, double AverageResults);

public sealed record SkuSales(string Sku, long Units, Money Revenue);

public sealed record SkuStockOutReport(string Sku, double SoldOutDays, int Periods, bool SoldOutNow);

public sealed record ReturnReason(string Reason, long Units);

public sealed record RefundsReport(long Refunds, Money Amount, IReadOnlyList<ReturnReason> ReturnReasons);

/// <summary>A page path and how often it was viewed.</summary>
public sealed record PageViewCount(string Path, long Views);

/// <summary>Recommendations shown and clicked, and the click-through rate (clicked / shown).</summary>
public sealed record RecommendationPerformance(long Shown, long Clicked, double? ClickThroughRate);
