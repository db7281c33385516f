using Dapr.Client;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.Notifications.Messages;

namespace SpaceOfSport.Notifications.Sms;

/// <summary>One SMS as the file binding keeps it: the text, its encoding and the parts a phone network carries.</summary>
public sealed record SmsFile(string To, string Text, SmsEncoding Encoding, IReadOnlyList<string> Parts);

/// <summary>
/// Hands an SMS to the output binding <see cref="DaprComponents.Sms"/>: a file binding (embedded and local profiles)
/// gets a JSON file with the text split as the network would carry it (<see cref="SmsSegments"/>); Amazon SNS
/// (<c>bindings.aws.sns</c>) gets <c>{message}</c> and splits it itself.
/// </summary>
public sealed class SmsSender(DaprClient dapr, OutputBindings bindings, TimeProvider clock)
{
    public async Task<string> SendAsync(string template, string phone, string text, Guid deliveryId, CancellationToken cancellationToken)
    {
        if (await bindings.TypeOfAsync(DaprComponents.Sms, cancellationToken) == OutputBindings.LocalStorage)
        {
            var segments = SmsSegments.Split(text);
            var fileName = $"{clock.GetUtcNow():yyyy-MM-dd}/{template}-{deliveryId:N}.json";
            await dapr.InvokeBindingAsync(DaprComponents.Sms, "create", new SmsFile(phone, text, segments.Encoding, segments.Parts),
                new Dictionary<string, string> { ["fileName"] = fileName }, cancellationToken);
            return fileName;
        }

        await dapr.InvokeBindingAsync(DaprComponents.Sms, "create", new { message = text, phoneNumber = phone }, cancellationToken: cancellationToken);
        return DaprComponents.Sms;
    }
}
