namespace SpaceOfSport.Catalog.Search;

public enum SearchSort
{
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
    BestSelling,
}
