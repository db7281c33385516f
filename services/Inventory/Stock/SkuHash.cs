using System.Text;

namespace SpaceOfSport.Inventory.Stock;

/// <summary>
/// A stable 64-bit hash of a SKU (FNV-1a over its UTF-8 bytes): the same in every process and on every machine, unlike
/// <see cref="string.GetHashCode()"/>, which is randomized per process. Keys the SKU's lock and its opening stock.
/// </summary>
public static class SkuHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(string sku)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(sku))
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
