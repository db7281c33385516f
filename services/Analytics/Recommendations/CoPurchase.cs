namespace SpaceOfSport.Analytics.Recommendations;

/// <summary>How many paid orders held a product (the co-purchase model's marginal counts).</summary>
public sealed class ProductPurchases
{
    public Guid ProductId { get; init; }

    public long Orders { get; set; }
}

/// <summary>How many paid orders held both products; stored both ways round, so one product's partners are one range read.</summary>
public sealed class CoPurchase
{
    public Guid ProductId { get; init; }

    public Guid OtherProductId { get; init; }

    public long Orders { get; set; }
}

/// <summary>Which product a SKU belongs to and its size, as the storefront's usage events report them (product-viewed, added-to-cart).</summary>
public sealed class SkuProduct
{
    public required string Sku { get; init; }

    public Guid ProductId { get; set; }

    public string? Size { get; set; }

    /// <summary>The catalog's variant (known once the catalog announced the product): flash sales name variants.</summary>
    public Guid? VariantId { get; set; }
}
