namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// Where the app's sidecar is, read the way the Dapr SDKs read it: <c>DAPR_HTTP_ENDPOINT</c> wins over
/// <c>DAPR_HTTP_PORT</c> (default 3500); <c>DAPR_API_TOKEN</c> is what the sidecar expects from the app.
/// </summary>
public static class DaprSidecar
{
    public const string ApiTokenHeader = "dapr-api-token";

    public const string AppIdHeader = "dapr-app-id";

    /// <summary>The app-id of the caller, which the calling sidecar sets on every service invocation (as daprd does).</summary>
    public const string CallerAppIdHeader = "dapr-caller-app-id";

    public static Uri HttpEndpoint(IConfiguration configuration)
    {
        if (configuration["DAPR_HTTP_ENDPOINT"] is { Length: > 0 } endpoint) return new Uri(endpoint);
        var port = configuration["DAPR_HTTP_PORT"] is { Length: > 0 } configured ? configured : "3500";
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The sidecar's gRPC API: <c>DAPR_GRPC_ENDPOINT</c> wins over <c>DAPR_GRPC_PORT</c> (default 50001).</summary>
    public static Uri GrpcEndpoint(IConfiguration configuration)
    {
        if (configuration["DAPR_GRPC_ENDPOINT"] is { Length: > 0 } endpoint) return new Uri(endpoint);
        var port = configuration["DAPR_GRPC_PORT"] is { Length: > 0 } configured ? configured : "50001";
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The token for calls into the sidecar; null when the sidecar does not check one.</summary>
    public static string? ApiToken(IConfiguration configuration) =>
        configuration["DAPR_API_TOKEN"] is { Length: > 0 } token ? token : null;

    /// <summary>The token the sidecar sends with every call into the app; null when none is configured.</summary>
    public static string? AppApiToken(IConfiguration configuration) =>
        configuration["APP_API_TOKEN"] is { Length: > 0 } token ? token : null;
}
