using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// What a connection may see of a message: anonymous connections get a product's exact stock count only from
/// <see cref="HubSettings.ExactStockFrom"/> units up (below it, the status alone: low, out); everything else is the same for all.
/// </summary>
public sealed class ChannelViews(IOptions<HubSettings> settings)
{
    public const string AvailableField = "available";

    public Func<ChannelMessage, ChannelMessage> For(Channel channel, bool anonymous) =>
        anonymous && channel.Kind == Channel.StockKind ? ForAnonymous : static message => message;

    public ChannelMessage ForAnonymous(ChannelMessage message)
    {
        if (message.Data.ValueKind != JsonValueKind.Object
            || !message.Data.TryGetProperty(AvailableField, out var available)
            || available.ValueKind != JsonValueKind.Number
            || available.GetInt64() >= settings.Value.ExactStockFrom) return message;

        var data = JsonNode.Parse(message.Data.GetRawText())!.AsObject();
        data.Remove(AvailableField);
        return message with { Data = JsonSerializer.SerializeToElement(data) };
    }
}
