using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// A channel a connection subscribes to, by name: personal ones name their owner (<c>cart:{userId}</c>,
/// <c>orders:{userId}</c>, <c>notifications:{userId}</c>) and only the owner may join them; public ones
/// (<c>stock:{sku}</c>, <c>flash-sales</c>) anyone may, anonymous connections included.
/// </summary>
public sealed partial record Channel(string Kind, string Name, Guid? Owner)
{
    public const string CartKind = "cart";
    public const string OrdersKind = "orders";
    public const string NotificationsKind = "notifications";
    public const string StockKind = "stock";
    public const string FlashSalesKind = "flash-sales";

    public bool IsPublic => Owner is null;

    public static Channel Cart(Guid user) => Personal(CartKind, user);

    public static Channel Orders(Guid user) => Personal(OrdersKind, user);

    public static Channel Notifications(Guid user) => Personal(NotificationsKind, user);

    public static Channel Stock(string sku) => new(StockKind, $"{StockKind}:{sku}", null);

    public static Channel FlashSales { get; } = new(FlashSalesKind, FlashSalesKind, null);

    /// <summary>
    /// The SignalR group a connection joins: public channels have a second group for anonymous connections, which get
    /// the redacted message (no exact low stock counts).
    /// </summary>
    public string Group(bool anonymous) => IsPublic && anonymous ? $"{Name}#public" : Name;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Channel? channel)
    {
        channel = null;
        if (string.IsNullOrEmpty(text) || text.Length > 100) return false;
        if (text == FlashSalesKind)
        {
            channel = FlashSales;
            return true;
        }

        var (kind, argument) = text.IndexOf(':') is var colon and > 0 ? (text[..colon], text[(colon + 1)..]) : (text, "");
        switch (kind)
        {
            case CartKind or OrdersKind or NotificationsKind when Guid.TryParseExact(argument, "D", out var owner):
                channel = Personal(kind, owner);
                return true;
            case StockKind when SkuPattern().IsMatch(argument):
                channel = Stock(argument);
                return true;
            default:
                return false;
        }
    }

    private static Channel Personal(string kind, Guid owner) => new(kind, $"{kind}:{owner:D}", owner);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SkuPattern();
}
