using System.Collections.Concurrent;
using Dapr;
using Dapr.Client;
using SpaceOfSport.BuildingBlocks.Subscriptions;

namespace SpaceOfSport.Notifications.Messages;

/// <summary>
/// The component type behind an output binding, read once from the sidecar's metadata: a file binding
/// (<c>bindings.localstorage</c>) takes a whole message as a file, a mail or SMS service (<c>bindings.smtp</c>,
/// <c>bindings.aws.ses</c>, <c>bindings.aws.sns</c>) takes a body and request metadata.
/// </summary>
public sealed class OutputBindings(DaprClient dapr)
{
    public const string LocalStorage = "bindings.localstorage";

    private readonly ConcurrentDictionary<string, string> _types = new(StringComparer.Ordinal);

    public async Task<string> TypeOfAsync(string binding, CancellationToken cancellationToken)
    {
        if (_types.TryGetValue(binding, out var known)) return known;
        try
        {
            var metadata = await dapr.GetMetadataAsync(cancellationToken);
            var type = metadata.Components.FirstOrDefault(c => c.Name == binding)?.Type
                ?? throw new InvalidOperationException($"the sidecar has no component '{binding}' for notifications (check the component's scopes)");
            return _types.GetOrAdd(binding, type);
        }
        catch (DaprException exception)
        {
            throw new DependencyUnavailableException("sidecar metadata", exception);
        }
    }
}
