using System.Net;
using SpaceOfSport.Cart.Apis;

namespace SpaceOfSport.Cart.Tests.Infrastructure;

/// <summary>Promotion codes as staff create and read them through <c>/api/promotions</c>.</summary>
public static class StaffPromotions
{
    public static string NewCode() => $"T{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    /// <summary>Terms valid from a minute ago (on the host's clock) for <paramref name="endsIn"/> (a day).</summary>
    public static object Terms(CartHost host, string code, int? percentOff = null, long? amountOffMinor = null, long minimumSpendMinor = 0,
        int? totalUsageLimit = null, int? perCustomerUsageLimit = null, Guid[]? brandIds = null, Guid[]? categoryIds = null, TimeSpan? endsIn = null) => new
        {
            code,
            description = "test",
            percentOff,
            amountOffMinor,
            minimumSpendMinor,
            startsAt = host.Clock.GetUtcNow().AddMinutes(-1),
            endsAt = host.Clock.GetUtcNow() + (endsIn ?? TimeSpan.FromDays(1)),
            totalUsageLimit,
            perCustomerUsageLimit,
            brandIds,
            categoryIds,
        };

    public static async Task<PromotionResponse> CreateAsync(CartHost host, object terms)
    {
        using var staff = host.StaffHttp();
        return (await Shopper.Read<PromotionResponse>(await staff.PostAsJsonAsync("/api/promotions", terms), HttpStatusCode.Created))!;
    }

    public static async Task<PromotionResponse> GetAsync(CartHost host, string code)
    {
        using var staff = host.StaffHttp();
        return (await staff.GetFromJsonAsync<PromotionResponse>($"/api/promotions/{code}", Shopper.Json))!;
    }
}
