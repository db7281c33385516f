using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// What a connection may see of a message: anonymous connections get a product's exact stock count (or a flash sale's
/// units left, which for a one-SKU sale is the same thing) only from <see cref="HubSettings.ExactStockFrom"/> units up
/// (below it, the status alone: low, out); everything else is the same for all.
/// </summary>
public sealed class ChannelViews(IOptions<HubSettings> settings)
{
    public const string AvailableField = "available";
    public const string RemainingField = "remaining";

    public Func<ChannelMessage, ChannelMessage> For(Channel channel, bool anonymous) => (anonymous, channel.Kind) switch
    {
        (true, Channel.StockKind) => message => ForAnonymous(message, AvailableField),
        (true, Channel.FlashSalesKind) => message => ForAnonymous(message, RemainingField),
        _ => static message => message,
    };

    public ChannelMessage ForAnonymous(ChannelMessage message, string countField)
    {
        if (message.Data.ValueKind != JsonValueKind.Object
            || !message.Data.TryGetProperty(countField, out var available)
            || available.ValueKind != JsonValueKind.Number
            || available.GetInt64() >= settings.Value.ExactStockFrom) return message;

        var data = JsonNode.Parse(message.Data.GetRawText())!.AsObject();
        data.Remove(countField);
        return message with { Data = JsonSerializer.SerializeToElement(data) };
    }
}
