using GraphQL.Types;
using SpaceOfSport.Analytics.Recommendations;
using SpaceOfSport.Analytics.Reports;
using SpaceOfSport.BuildingBlocks.GraphQL;

namespace SpaceOfSport.Analytics.GraphQL;

public sealed class SalesTotalsGraphType : ObjectGraphType<SalesTotals>
{
    public SalesTotalsGraphType()
    {
        Name = "SalesTotals";
        Field<NonNullGraphType<MoneyGraphType>>("revenue").Description("Order totals as charged").Resolve(c => c.Source.Revenue);
        Field<NonNullGraphType<LongGraphType>>("orders").Resolve(c => c.Source.Orders);
        Field<NonNullGraphType<MoneyGraphType>>("averageOrderValue").Resolve(c => c.Source.AverageOrderValue);
        Field<NonNullGraphType<LongGraphType>>("units").Resolve(c => c.Source.Units);
    }
}

public sealed class SalesBucketGraphType : ObjectGraphType<SalesBucket>
{
    public SalesBucketGraphType()
    {
        Name = "SalesBucket";
        Field<NonNullGraphType<DateOnlyGraphType>>("start").Description("The period's first local date").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<SalesTotalsGraphType>>("totals").Resolve(c => c.Source.Totals);
    }
}

public sealed class SalesReportGraphType : ObjectGraphType<SalesReport>
{
    public SalesReportGraphType()
    {
        Name = "SalesReport";
        Field<NonNullGraphType<DateOnlyGraphType>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<DateOnlyGraphType>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<StringGraphType>>("timeZone").Resolve(c => c.Source.TimeZone);
        Field<NonNullGraphType<SalesTotalsGraphType>>("totals").Resolve(c => c.Source.Totals);
        Field<NonNullGraphType<SalesTotalsGraphType>>("previous").Description("The same number of days just before").Resolve(c => c.Source.Previous);
        Field<FloatGraphType>("revenueChange").Description("Against the previous period: 0.25 = up 25 %; null when it had none").Resolve(c => c.Source.RevenueChange);
        Field<FloatGraphType>("ordersChange").Resolve(c => c.Source.OrdersChange);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SalesBucketGraphType>>>>("series").Resolve(c => c.Source.Series);
    }
}

public sealed class FunnelStageGraphType : ObjectGraphType<FunnelStage>
{
    public FunnelStageGraphType()
    {
        Name = "FunnelStage";
        Field<NonNullGraphType<StringGraphType>>("stage").Description("viewed, added, checkout or paid (visitorFunnel starts with visited)").Resolve(c => c.Source.Stage);
        Field<NonNullGraphType<LongGraphType>>("count").Resolve(c => c.Source.Count);
        Field<FloatGraphType>("rateFromPrevious").Resolve(c => c.Source.RateFromPrevious);
        Field<FloatGraphType>("rateFromFirst").Resolve(c => c.Source.RateFromFirst);
    }
}

public sealed class CartAbandonmentGraphType : ObjectGraphType<CartAbandonmentReport>
{
    public CartAbandonmentGraphType()
    {
        Name = "CartAbandonment";
        Field<NonNullGraphType<LongGraphType>>("abandoned").Resolve(c => c.Source.Abandoned);
        Field<NonNullGraphType<LongGraphType>>("ordersPaid").Resolve(c => c.Source.OrdersPaid);
        Field<FloatGraphType>("rate").Description("abandoned / (abandoned + ordersPaid)").Resolve(c => c.Source.Rate);
        Field<NonNullGraphType<MoneyGraphType>>("value").Description("The abandoned carts at their SKUs' last known prices").Resolve(c => c.Source.Value);
    }
}

public sealed class SearchTermGraphType : ObjectGraphType<SearchTerm>
{
    public SearchTermGraphType()
    {
        Name = "SearchTerm";
        Field<NonNullGraphType<StringGraphType>>("query").Description("Normalized: trimmed, lower case").Resolve(c => c.Source.Query);
        Field<NonNullGraphType<LongGraphType>>("count").Resolve(c => c.Source.Count);
        Field<NonNullGraphType<FloatGraphType>>("averageResults").Resolve(c => c.Source.AverageResults);
    }
}

public sealed class SkuSalesGraphType : ObjectGraphType<SkuSales>
{
    public SkuSalesGraphType()
    {
        Name = "SkuSales";
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Sku);
        Field<NonNullGraphType<LongGraphType>>("units").Resolve(c => c.Source.Units);
        Field<NonNullGraphType<MoneyGraphType>>("revenue").Description("Line totals before discounts").Resolve(c => c.Source.Revenue);
    }
}

public sealed class StockOutGraphType : ObjectGraphType<SkuStockOutReport>
{
    public StockOutGraphType()
    {
        Name = "StockOut";
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Sku);
        Field<NonNullGraphType<FloatGraphType>>("soldOutDays").Description("Days sold out everywhere within the range").Resolve(c => c.Source.SoldOutDays);
        Field<NonNullGraphType<IntGraphType>>("periods").Resolve(c => c.Source.Periods);
        Field<NonNullGraphType<BooleanGraphType>>("soldOutNow").Resolve(c => c.Source.SoldOutNow);
    }
}

public sealed class ReturnReasonGraphType : ObjectGraphType<ReturnReason>
{
    public ReturnReasonGraphType()
    {
        Name = "ReturnReason";
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<LongGraphType>>("units").Resolve(c => c.Source.Units);
    }
}

public sealed class RefundsReportGraphType : ObjectGraphType<RefundsReport>
{
    public RefundsReportGraphType()
    {
        Name = "RefundsReport";
        Field<NonNullGraphType<LongGraphType>>("refunds").Resolve(c => c.Source.Refunds);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReturnReasonGraphType>>>>("returnReasons").Description("Units customers asked to return, by reason")
            .Resolve(c => c.Source.ReturnReasons);
    }
}

public sealed class RecommendedProductGraphType : ObjectGraphType<RecommendedProduct>
{
    public RecommendedProductGraphType()
    {
        Name = "RecommendedProduct";
        Field<NonNullGraphType<IdGraphType>>("productId").Resolve(c => c.Source.ProductId);
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("bought-together, for-you or best-seller").Resolve(c => c.Source.Reason);
    }
}

public sealed class PageViewCountGraphType : ObjectGraphType<PageViewCount>
{
    public PageViewCountGraphType()
    {
        Name = "PageViewCount";
        Field<NonNullGraphType<StringGraphType>>("path").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<LongGraphType>>("views").Resolve(c => c.Source.Views);
    }
}

public sealed class RecommendationPerformanceGraphType : ObjectGraphType<RecommendationPerformance>
{
    public RecommendationPerformanceGraphType()
    {
        Name = "RecommendationPerformance";
        Field<NonNullGraphType<LongGraphType>>("shown").Description("Products shown as recommendations").Resolve(c => c.Source.Shown);
        Field<NonNullGraphType<LongGraphType>>("clicked").Resolve(c => c.Source.Clicked);
        Field<FloatGraphType>("clickThroughRate").Description("clicked / shown; null when none was shown").Resolve(c => c.Source.ClickThroughRate);
    }
}

public sealed class SalesBreakdownRowGraphType : ObjectGraphType<SalesBreakdownRow>
{
    public SalesBreakdownRowGraphType()
    {
        Name = "SalesBreakdownRow";
        Field<IdGraphType>("id").Description("The catalog's category, brand or sport id; null for SKUs of products analytics has not heard of yet").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<LongGraphType>>("units").Resolve(c => c.Source.Units);
        Field<NonNullGraphType<MoneyGraphType>>("revenue").Description("Line totals before discounts").Resolve(c => c.Source.Revenue);
    }
}

public sealed class FlashSaleReportGraphType : ObjectGraphType<FlashSaleReport>
{
    public FlashSaleReportGraphType()
    {
        Name = "FlashSaleReport";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startsAt").Resolve(c => c.Source.StartsAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("endsAt").Description("Its planned end, or when it was ended early").Resolve(c => c.Source.EndsAt);
        Field<NonNullGraphType<LongGraphType>>("orders").Description("Paid orders holding a SKU it covered, while it ran").Resolve(c => c.Source.Orders);
        Field<NonNullGraphType<LongGraphType>>("units").Resolve(c => c.Source.Units);
        Field<NonNullGraphType<MoneyGraphType>>("revenue").Resolve(c => c.Source.Revenue);
        Field<NonNullGraphType<IntGraphType>>("skus").Description("SKUs it covered (as far as analytics knows them)").Resolve(c => c.Source.Skus);
        Field<NonNullGraphType<IntGraphType>>("skusSoldOut").Description("Of those, sold out everywhere while it ran").Resolve(c => c.Source.SkusSoldOut);
        Field<FloatGraphType>("sellThroughMinutes").Description("From its start until every SKU it covered was sold out; null when some never were")
            .Resolve(c => c.Source.SoldOutAfter?.TotalMinutes);
    }
}
