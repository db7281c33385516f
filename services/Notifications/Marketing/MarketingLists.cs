using System.Security.Cryptography;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Notifications.Messages;

namespace SpaceOfSport.Notifications.Marketing;

/// <summary>The messages a customer may opt into or out of, beside identity's per-channel preferences.</summary>
public static class MarketingList
{
    /// <summary>Flash sales starting: opt-in (<c>PUT /api/marketing/flash-sales</c>).</summary>
    public const string FlashSales = "flash-sales";

    /// <summary>Reminders of an abandoned cart: sent unless the customer unsubscribed (the link in each reminder).</summary>
    public const string CartReminders = "cart-reminders";

    public static readonly IReadOnlyList<string> All = [FlashSales, CartReminders];
}

/// <summary>Who opted into a list (the set <c>marketing-{list}</c>).</summary>
public sealed class ListMembers
{
    public HashSet<Guid> Users { get; set; } = [];
}

/// <summary>What an unsubscribe link undoes (key <c>unsubscribe-{token}</c>).</summary>
public sealed record UnsubscribeToken(string List, Guid UserId);

/// <summary>
/// Opt-ins and opt-outs in the state store: each list keeps its members (flash sales) or those who left it (cart
/// reminders); an unsubscribe link carries a random token, kept as its key, that names the list and the customer.
/// </summary>
public sealed class MarketingLists(DaprClient dapr, IOptions<NotificationSettings> settings)
{
    private const int SaveAttempts = 20;

    public Task<bool> IsMemberAsync(string list, Guid user, CancellationToken cancellationToken) => ContainsAsync($"marketing-{list}", user, cancellationToken);

    public async Task<IReadOnlyCollection<Guid>> MembersAsync(string list, CancellationToken cancellationToken) =>
        (await ReadAsync($"marketing-{list}", cancellationToken)).Members?.Users ?? [];

    public Task JoinAsync(string list, Guid user, CancellationToken cancellationToken) => ChangeAsync($"marketing-{list}", user, add: true, cancellationToken);

    public Task LeaveAsync(string list, Guid user, CancellationToken cancellationToken) => ChangeAsync($"marketing-{list}", user, add: false, cancellationToken);

    public Task<bool> HasUnsubscribedAsync(string list, Guid user, CancellationToken cancellationToken) => ContainsAsync($"unsubscribed-{list}", user, cancellationToken);

    /// <summary>A one-click unsubscribe address for <paramref name="user"/> from <paramref name="list"/>.</summary>
    public async Task<string> UnsubscribeUrlAsync(string list, Guid user, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await SaveAsync($"unsubscribe-{token}", new UnsubscribeToken(list, user), cancellationToken);
        return new Uri(settings.Value.ShopUrl, $"/api/notifications/unsubscribe/{token}").ToString();
    }

    /// <summary>Follows an unsubscribe link: the customer leaves the list (idempotent). False for an unknown token.</summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return false;
        UnsubscribeToken? link;
        try
        {
            link = await dapr.GetStateAsync<UnsubscribeToken?>(DaprComponents.StateStore, $"unsubscribe-{token}", cancellationToken: cancellationToken);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
        if (link is null) return false;
        if (link.List == MarketingList.FlashSales) await LeaveAsync(link.List, link.UserId, cancellationToken);
        else await ChangeAsync($"unsubscribed-{link.List}", link.UserId, add: true, cancellationToken);
        return true;
    }

    private async Task<bool> ContainsAsync(string key, Guid user, CancellationToken cancellationToken) =>
        (await ReadAsync(key, cancellationToken)).Members?.Users.Contains(user) == true;

    private async Task ChangeAsync(string key, Guid user, bool add, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (members, etag) = await ReadAsync(key, cancellationToken);
            members ??= new ListMembers();
            if (!(add ? members.Users.Add(user) : members.Users.Remove(user))) return;
            try
            {
                if (etag is null) await SaveAsync(key, members, cancellationToken, firstWrite: true);
                else if (await dapr.TrySaveStateAsync(DaprComponents.StateStore, key, members, etag, cancellationToken: cancellationToken)) return;
                else if (attempt >= SaveAttempts) throw Contended(key);
                else continue;
                return;
            }
            catch (DaprException exception) when (exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition } && attempt < SaveAttempts)
            {
                // Someone else changed the list at the same moment: read again.
            }
        }
    }

    private async Task<(ListMembers? Members, string? ETag)> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var (members, etag) = await dapr.GetStateAndETagAsync<ListMembers?>(DaprComponents.StateStore, key, cancellationToken: cancellationToken);
            return (members, string.IsNullOrEmpty(etag) ? null : etag);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    private async Task SaveAsync<T>(string key, T value, CancellationToken cancellationToken, bool firstWrite = false)
    {
        try
        {
            await dapr.SaveStateAsync(DaprComponents.StateStore, key, value,
                firstWrite ? new StateOptions { Concurrency = ConcurrencyMode.FirstWrite } : null, cancellationToken: cancellationToken);
        }
        catch (DaprException exception) when (exception.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.FailedPrecondition })
        {
            throw;
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("state store", exception);
        }
    }

    private static DependencyUnavailableException Contended(string key) => new("state store", new InvalidOperationException($"{key} stayed contended"));
}
