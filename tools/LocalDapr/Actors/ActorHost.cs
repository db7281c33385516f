using System.Text.Json.Nodes;

namespace LocalDapr.Actors;

/// <summary>One sidecar whose app hosts actor types: its <c>/dapr/config</c>, its actor state store, and calls into the app.</summary>
public sealed class ActorHost(Sidecar.LocalSidecar sidecar, ActorAppConfig config, ActorStateStore store)
{
    public Sidecar.LocalSidecar Sidecar { get; } = sidecar;

    public ActorAppConfig Config { get; } = config;

    public ActorStateStore Store { get; } = store;

    /// <summary>Orders hosts for actors; stable for the life of the sidecar.</summary>
    public string Key => $"{Sidecar.AppId}:{Sidecar.HttpPort}";

    /// <summary>Sends <paramref name="request"/> to the app (the channel adds the app API token).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var app = Sidecar.App ?? throw new InvalidOperationException($"app '{Sidecar.AppId}' has no port");
        return app.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>A reminder or timer callback: <c>PUT /actors/{type}/{id}/method/{remind|timer}/{name}</c> with a JSON body.</summary>
    public async Task CallbackAsync(string actorType, string actorId, string kind, string name, JsonObject body, string? reentrancyId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ActorPath(actorType, actorId, $"method/{kind}/{Uri.EscapeDataString(name)}"))
        {
            Content = JsonContent.Create(body),
        };
        if (reentrancyId is not null) request.Headers.TryAddWithoutValidation(ActorTurnLock.ReentrancyHeader, reentrancyId);
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{kind} '{name}' of actor {actorType}/{actorId}: the app answered {(int)response.StatusCode} {text}", null, response.StatusCode);
        }
    }

    /// <summary>Deactivation: <c>DELETE /actors/{type}/{id}</c>.</summary>
    public async Task DeactivateAsync(string actorType, string actorId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, ActorPath(actorType, actorId, null));
        using var response = await SendAsync(request, cancellationToken);
    }

    public static string ActorPath(string actorType, string actorId, string? rest) =>
        $"/actors/{Uri.EscapeDataString(actorType)}/{Uri.EscapeDataString(actorId)}{(rest is null ? "" : "/" + rest)}";
}
