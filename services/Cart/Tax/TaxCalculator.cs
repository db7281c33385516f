using SpaceOfSport.Cart.CatalogPrices;

namespace SpaceOfSport.Cart.Tax;

public sealed record TaxDestination(string Country, string? Region);

public sealed record TaxLineInput(string Id, string TaxCategory, int Quantity, long UnitPriceMinor, long AmountMinor);

public sealed record TaxLineResult(string Id, long TaxMinor, decimal RatePercent, string Rule);

public sealed record TaxResult(IReadOnlyList<TaxLineResult> Lines, long TotalTaxMinor, bool PricesIncludeTax, string Jurisdiction);

/// <summary>
/// Tax by the rule files: the destination picks a file and a region, each line's category picks a rate (or an
/// exemption), and the tax is rounded per line to minor units, half away from zero. Where prices include the tax (EU
/// and UK VAT) it is the part of the amount the rate makes up; elsewhere it is added on top. No rule: zero tax.
/// </summary>
public sealed class TaxCalculator
{
    private readonly IReadOnlyList<TaxRuleFile> _files;
    private readonly ExchangeRates _rates;
    private readonly TaxCategoryMap _categories;

    public TaxCalculator()
    {
        _files = [RuleFiles.Read<TaxRuleFile>("tax/eu-vat.json"), RuleFiles.Read<TaxRuleFile>("tax/uk-vat.json"), RuleFiles.Read<TaxRuleFile>("tax/us-sales-tax.json")];
        _rates = RuleFiles.Read<ExchangeRates>("tax/exchange-rates.json");
        _categories = RuleFiles.Read<TaxCategoryMap>("tax/tax-categories.json");
    }

    /// <summary>True where shelf prices already include the tax for <paramref name="destination"/>.</summary>
    public bool PricesIncludeTax(TaxDestination destination) => Find(destination).File?.PricesIncludeTax ?? false;

    /// <summary>Whether the destination's region is one the US file needs and does not know (a bad state code).</summary>
    public bool KnowsRegion(string country, string region) =>
        _files.Where(f => f.RegionBy == "region" && f.Country == country).All(f => f.Regions.ContainsKey(region));

    /// <summary>Whether a country's destinations need a region (the US: sales tax is per state).</summary>
    public bool NeedsRegion(string country) => _files.Any(f => f.RegionBy == "region" && f.Country == country);

    /// <summary>The tax category of a catalog SKU: the nearest listed category up the tree, then kids' variants.</summary>
    public string CategoryOf(CatalogSku sku)
    {
        var category = sku.CategorySlugs.Reverse().Select(slug => _categories.ByCategorySlug.GetValueOrDefault(slug)).FirstOrDefault(c => c is not null)
            ?? _categories.Default;
        return string.Equals(sku.AgeGroup, "Kids", StringComparison.OrdinalIgnoreCase) && _categories.Kids.TryGetValue(category, out var kids) ? kids : category;
    }

    public TaxResult Calculate(TaxDestination destination, string currency, IReadOnlyList<TaxLineInput> lines)
    {
        var (file, region) = Find(destination);
        if (file is null || region is null)
            return new TaxResult([.. lines.Select(l => new TaxLineResult(l.Id, 0, 0, "none"))], 0, false, "none");

        var taxed = lines.Select(line =>
        {
            var (rate, rule, taxable) = RateFor(file, region, line, currency);
            var tax = file.PricesIncludeTax
                ? Round(taxable * rate / (100 + rate))
                : Round(taxable * rate / 100);
            return new TaxLineResult(line.Id, tax, rate, rule);
        }).ToList();
        var jurisdiction = file.RegionBy == "region" ? $"{file.Name}: {destination.Region}" : $"{file.Name}: {destination.Country}";
        return new TaxResult(taxed, taxed.Sum(l => l.TaxMinor), file.PricesIncludeTax, jurisdiction);
    }

    private (TaxRuleFile? File, TaxRegion? Region) Find(TaxDestination destination)
    {
        foreach (var file in _files)
        {
            if (file.RegionBy == "region")
            {
                if (file.Country == destination.Country)
                    return destination.Region is { } code && file.Regions.TryGetValue(code, out var state) ? (file, state) : (file, null);
            }
            else if (file.Regions.TryGetValue(destination.Country, out var country))
            {
                return (file, country);
            }
        }
        return (null, null);
    }

    /// <summary>The rate, the rule's name, and the amount it applies to.</summary>
    private (decimal Rate, string Rule, decimal Taxable) RateFor(TaxRuleFile file, TaxRegion region, TaxLineInput line, string currency)
    {
        if (line.TaxCategory == TaxCategories.Shipping)
            return file.TaxesShipping ? (region.Rate, "standard", line.AmountMinor) : (0, "exempt: shipping", 0);
        if (region.Categories?.GetValueOrDefault(line.TaxCategory) is { } special)
            return (special.Rate, special.Rule, line.AmountMinor);

        foreach (var exemption in region.Exemptions ?? [])
        {
            if (!exemption.Categories.Contains(line.TaxCategory)) continue;
            var threshold = exemption.Threshold is { } t ? Convert(t, currency) : 0m;
            switch (exemption.Mode)
            {
                case "always":
                    return (0, exemption.Rule, 0);
                case "below" when line.UnitPriceMinor < threshold:
                    return (0, exemption.Rule, 0);
                case "portion-above":
                    // Discounts shrink each unit's price in proportion; only what exceeds the threshold per unit is taxed.
                    var unitAfterDiscount = line.Quantity == 0 ? 0 : (decimal)line.AmountMinor / line.Quantity;
                    var excess = Math.Max(0, unitAfterDiscount - threshold) * line.Quantity;
                    return (region.Rate, excess == 0 ? exemption.Rule : exemption.Rule + " (excess taxed)", excess);
            }
        }
        return (region.Rate, region.Rate == 0 ? "zero" : "standard", line.AmountMinor);
    }

    /// <summary>A threshold set in another currency, in minor units of <paramref name="currency"/> (rates per EUR).</summary>
    private decimal Convert(TaxThreshold threshold, string currency)
    {
        if (threshold.Currency == currency) return threshold.AmountMinor;
        var from = _rates.PerEur.GetValueOrDefault(threshold.Currency);
        var to = _rates.PerEur.GetValueOrDefault(currency);
        if (from == 0 || to == 0) throw new InvalidOperationException($"no reference rate for {threshold.Currency} or {currency}");
        return Math.Round(threshold.AmountMinor / from * to, MidpointRounding.AwayFromZero);
    }

    private static long Round(decimal amount) => (long)Math.Round(amount, MidpointRounding.AwayFromZero);
}
