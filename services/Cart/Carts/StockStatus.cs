namespace SpaceOfSport.Cart.Carts;

/// <summary>How a line's quantity compares with what inventory has available.</summary>
public static class StockStatus
{
    public const string InStock = "in-stock";
    public const string Short = "short";
    public const string OutOfStock = "out-of-stock";
    public const string Unknown = "unknown";

    public static string Of(long? available, int quantity) => available switch
    {
        null => Unknown,
        <= 0 => OutOfStock,
        _ when available < quantity => Short,
        _ => InStock,
    };
}
