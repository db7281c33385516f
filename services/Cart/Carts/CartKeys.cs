namespace SpaceOfSport.Cart.Carts;

/// <summary>State keys (Dapr prefixes each with the app-id, so other apps' keys never collide).</summary>
public static class CartKeys
{
    /// <summary>The abandonment index is split in this many keys, so carts gaining their first line rarely contend.</summary>
    public const int IndexShards = 16;

    public static string OfUser(Guid userId) => $"cart-user-{userId:N}";

    public static string OfAnonymous(string token) => $"cart-anon-{token}";

    public static string IndexShard(int shard) => $"cart-index-{shard}";

    /// <summary>The index shard of a cart key: FNV-1a, stable across processes (string.GetHashCode is not).</summary>
    public static string IndexShardOf(string cartKey)
    {
        var hash = 2166136261u;
        foreach (var c in cartKey)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return IndexShard((int)(hash % IndexShards));
    }
}

/// <summary>The carts of one index shard (their state keys).</summary>
public sealed class CartIndexShard
{
    public HashSet<string> Carts { get; set; } = new(StringComparer.Ordinal);
}
