using System.Globalization;
using Grpc.Core;
using SpaceOfSport.Contracts.Cart.V1;

namespace SpaceOfSport.Cart.Tax;

/// <summary>gRPC <c>spaceofsport.cart.v1.Tax</c>: the same calculator the cart uses, for ordering and anyone else.</summary>
public sealed class TaxService(TaxCalculator calculator) : SpaceOfSport.Contracts.Cart.V1.Tax.TaxBase
{
    public override Task<CalculateTaxResponse> Calculate(CalculateTaxRequest request, ServerCallContext context)
    {
        var country = request.Destination?.Country?.Trim().ToUpperInvariant() ?? "";
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)) throw Invalid("destination.country", "must be an ISO 3166-1 alpha-2 code");
        var region = string.IsNullOrWhiteSpace(request.Destination!.Region) ? null : request.Destination.Region.Trim().ToUpperInvariant();
        if (calculator.NeedsRegion(country) && (region is null || !calculator.KnowsRegion(country, region)))
            throw Invalid("destination.region", $"must be a known region of {country}");
        var currency = request.Currency?.Trim().ToUpperInvariant() ?? "";
        if (currency.Length != 3) throw Invalid("currency", "must be an ISO 4217 code");

        var lines = new List<TaxLineInput>(request.Lines.Count);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (!TaxCategories.All.Contains(line.TaxCategory)) throw Invalid($"lines[{i}].tax_category", "is not a known tax category");
            if (line.Quantity <= 0) throw Invalid($"lines[{i}].quantity", "must be greater than 0");
            if (line.UnitPriceMinor < 0) throw Invalid($"lines[{i}].unit_price_minor", "must not be negative");
            if (line.AmountMinor < 0) throw Invalid($"lines[{i}].amount_minor", "must not be negative");
            lines.Add(new TaxLineInput(line.Id, line.TaxCategory, line.Quantity, line.UnitPriceMinor, line.AmountMinor));
        }

        var result = calculator.Calculate(new TaxDestination(country, region), currency, lines);
        var response = new CalculateTaxResponse { TotalTaxMinor = result.TotalTaxMinor, PricesIncludeTax = result.PricesIncludeTax, Jurisdiction = result.Jurisdiction };
        response.Lines.AddRange(result.Lines.Select(l => new TaxedLine
        {
            Id = l.Id,
            TaxMinor = l.TaxMinor,
            RatePercent = l.RatePercent.ToString("0.###", CultureInfo.InvariantCulture),
            Rule = l.Rule,
        }));
        return Task.FromResult(response);
    }

    private static RpcException Invalid(string field, string message) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {message}"), new Metadata { { "field", field } });
}
