namespace SpaceOfSport.Catalog.Search;

/// <summary>
/// Running aggregates over the variants that passed some filters, over all of them and over those in stock: the
/// cheapest effective price, that variant's list price and currency, and the lowest list price. Plain fields, as this
/// runs once per variant of every candidate product.
/// </summary>
internal struct VariantSet
{
    private Cheapest _all, _inStock;

    public readonly bool Any => _all.Found;

    public readonly bool AnyInStock => _inStock.Found;

    public void Add(long price, long listPrice, string currency, bool inStock)
    {
        _all.Add(price, listPrice, currency);
        if (inStock) _inStock.Add(price, listPrice, currency);
    }

    /// <summary>The product's price under the in-stock filter (see <see cref="SearchEvaluation"/>), or null when it doesn't match.</summary>
    public readonly ProductPrice? Matches(bool? inStock) => inStock switch
    {
        true => AnyInStock ? _inStock.Price(true) : null,
        false => Any && !AnyInStock ? _all.Price(false) : null,
        null => Any ? _all.Price(AnyInStock) : null,
    };

    private struct Cheapest
    {
        private long _price, _listOfCheapest, _lowestList;
        private string _currency;

        public bool Found { get; private set; }

        public void Add(long price, long listPrice, string currency)
        {
            if (!Found || price < _price)
            {
                _price = price;
                _listOfCheapest = listPrice;
                _currency = currency;
            }

            _lowestList = Found ? Math.Min(_lowestList, listPrice) : listPrice;
            Found = true;
        }

        public readonly ProductPrice Price(bool inStock) => new(_price, _lowestList, _listOfCheapest, _currency, inStock);
    }
}
