namespace SpaceOfSport.Cart.Tax;

/// <summary>One rule file (Tax/Rules/*.json): a tax system, the sources it was taken from, and its rates by region.</summary>
public sealed record TaxRuleFile(
    string Name,
    IReadOnlyList<string> Sources,
    bool PricesIncludeTax,
    bool TaxesShipping,
    string RegionBy,
    string? Country,
    IReadOnlyDictionary<string, TaxRegion> Regions);

/// <summary>A country (VAT) or US state: its standard rate, the reduced rates it has, and what differs by category.</summary>
public sealed record TaxRegion(
    string Name,
    decimal Rate,
    IReadOnlyList<decimal>? ReducedRates,
    IReadOnlyDictionary<string, CategoryRate>? Categories,
    IReadOnlyList<TaxExemption>? Exemptions);

public sealed record CategoryRate(decimal Rate, string Rule);

/// <summary>
/// A clothing exemption. Mode <c>always</c>: never taxed; <c>below</c>: an item priced under the threshold is exempt;
/// <c>portion-above</c>: only the part of each item's price above the threshold is taxed.
/// </summary>
public sealed record TaxExemption(IReadOnlyList<string> Categories, TaxThreshold? Threshold, string Mode, string Rule);

public sealed record TaxThreshold(long AmountMinor, string Currency);

public sealed record ExchangeRates(string Name, IReadOnlyList<string> Sources, IReadOnlyDictionary<string, decimal> PerEur);

public sealed record TaxCategoryMap(
    string Name,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, string> ByCategorySlug,
    string Default,
    IReadOnlyDictionary<string, string> Kids);

/// <summary>The tax categories a line can have.</summary>
public static class TaxCategories
{
    public const string Footwear = "footwear";
    public const string Apparel = "apparel";
    public const string Equipment = "equipment";
    public const string ChildrensFootwear = "childrens-footwear";
    public const string ChildrensApparel = "childrens-apparel";

    /// <summary>The delivery charge, taxed where the rule file says shipping is taxed.</summary>
    public const string Shipping = "shipping";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>([Footwear, Apparel, Equipment, ChildrensFootwear, ChildrensApparel, Shipping]);
}
