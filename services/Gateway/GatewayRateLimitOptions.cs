using System.Net;

namespace SpaceOfSport.Gateway;

/// <summary>A token bucket per client IP address: bursts up to <see cref="TokenLimit"/>, then <see cref="TokensPerPeriod"/> per period.</summary>
public sealed class GatewayRateLimitOptions
{
    public int TokenLimit { get; set; } = 200;

    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Client networks with a limit of their own (an operator's load generator, a partner's egress, a trusted backend):
    /// each address in the network still gets its own bucket, sized by the first entry that contains it.
    /// </summary>
    public List<AddressRateLimit> Addresses { get; set; } = [];

    /// <summary>The bucket for a client address: the first matching entry of <see cref="Addresses"/>, else the default.</summary>
    public (int TokenLimit, int TokensPerPeriod, TimeSpan ReplenishmentPeriod) For(IPAddress? client)
    {
        if (client is not null)
        {
            if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
            foreach (var entry in Addresses)
            {
                if (entry.Contains(client)) return (entry.TokenLimit, entry.TokensPerPeriod, entry.ReplenishmentPeriod);
            }
        }

        return (TokenLimit, TokensPerPeriod, ReplenishmentPeriod);
    }
}

/// <summary>One entry of <c>Gateway:RateLimit:Addresses</c>: a network in CIDR notation (<c>10.0.0.0/8</c>, <c>127.0.0.1/32</c>) and its bucket.</summary>
public sealed class AddressRateLimit
{
    private IPNetwork? _network;

    public string Network { get; set; } = "";

    public int TokenLimit { get; set; } = 200;

    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Parsed once; a malformed network fails the first request loudly rather than limiting no one.</summary>
    public bool Contains(IPAddress address) => (_network ??= IPNetwork.Parse(Network)).Contains(address);
}
