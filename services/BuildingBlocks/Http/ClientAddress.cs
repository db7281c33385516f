namespace SpaceOfSport.BuildingBlocks.Http;

/// <summary>
/// The address of the client a request is on behalf of (rate limits, lockouts, logs). Forwarded headers are believed
/// only on a request that came through the app's own sidecar (<see cref="AppApiToken.CameThroughSidecar"/>): from anyone
/// else a forged <c>X-Forwarded-For</c> would pick the bucket it is counted in, so the connection's address counts.
/// </summary>
public static class ClientAddress
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    /// <summary>
    /// On a service invocation the calling sidecar appends its own host's address to <c>X-Forwarded-For</c> (daprd's
    /// direct messaging does; so does the local runtime), so the client is the entry before it: the one the caller (the
    /// gateway) wrote for the client it saw. gRPC proxying names the caller but appends nothing. Entries further left
    /// are whatever the client sent, never believed. Without a forwarded entry, the connection's address counts.
    /// </summary>
    public static string Of(HttpContext context)
    {
        var connection = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!AppApiToken.CameThroughSidecar(context)) return connection;

        var entries = context.Request.Headers[ForwardedForHeader]
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        var proxiedGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        var sidecarHops = context.Request.Headers.ContainsKey(DaprSidecar.CallerAppIdHeader) && !proxiedGrpc ? 1 : 0;
        return entries.Count > sidecarHops ? entries[entries.Count - 1 - sidecarHops] : connection;
    }
}
