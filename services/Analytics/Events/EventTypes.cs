namespace SpaceOfSport.Analytics.Events;

/// <summary>The event types analytics records: the storefront's usage events and the business events it subscribes to.</summary>
public static class EventTypes
{
    public const string PageViewed = "page-viewed";
    public const string ProductViewed = "product-viewed";
    public const string SearchPerformed = "search-performed";
    public const string AddedToCart = "added-to-cart";
    public const string CheckoutStarted = "checkout-started";
    public const string RecommendationShown = "recommendation-shown";
    public const string RecommendationClicked = "recommendation-clicked";

    public const string OrderPaid = "order-paid";
    public const string Refunded = "refunded";
    public const string CartAbandoned = "cart-abandoned";
    public const string ReturnRequested = "return-requested";
    public const string StockChanged = "stock-changed";
    public const string PriceChanged = "price-changed";
    public const string ProductChanged = "product-changed";
    public const string FlashSaleStarted = "flash-sale-started";
    public const string FlashSaleEnded = "flash-sale-ended";

    /// <summary>What the storefront may send to <c>POST /webhooks/events</c>.</summary>
    public static IReadOnlySet<string> Usage { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PageViewed, ProductViewed, SearchPerformed, AddedToCart, CheckoutStarted, RecommendationShown, RecommendationClicked,
    };

    public const int MaxLength = 32;
}
