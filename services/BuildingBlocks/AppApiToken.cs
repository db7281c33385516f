using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SpaceOfSport.BuildingBlocks;

/// <summary>
/// The app API token (https://docs.dapr.io/operations/security/app-api-token/): when <c>APP_API_TOKEN</c> is set, the
/// sidecar sends it in <c>dapr-api-token</c> with every call into the app, and only the sidecar knows it.
/// </summary>
public sealed class AppApiToken
{
    private readonly byte[]? _expectedHash;

    public AppApiToken(IConfiguration configuration)
    {
        if (DaprSidecar.AppApiToken(configuration) is { } token) _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public bool IsConfigured => _expectedHash is not null;

    /// <summary>
    /// True when the request carries exactly the configured token. Both sides are hashed first and compared in constant
    /// time, so neither the position of the first wrong character nor the token's length shows in the answer's timing.
    /// </summary>
    public bool IsCarriedBy(HttpRequest request)
    {
        if (_expectedHash is null) return false;
        var presented = request.Headers[DaprSidecar.ApiTokenHeader];
        if (presented.Count != 1 || presented[0] is not { } value) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value)), _expectedHash);
    }

    /// <summary>
    /// True when the request came from the app's own sidecar, so what the sidecar passes on (forwarded headers, the
    /// caller's app-id) can be believed: it carried the app API token, or, where none is configured, it came over
    /// loopback, the only interface the sidecar (same machine or pod) and nobody else uses by default.
    /// </summary>
    public static bool CameThroughSidecar(HttpContext context)
    {
        var token = context.RequestServices.GetRequiredService<AppApiToken>();
        return token.IsConfigured
            ? token.IsCarriedBy(context.Request)
            : context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
    }
}
