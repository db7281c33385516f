using Microsoft.Net.Http.Headers;

namespace SpaceOfSport.Gateway;

/// <summary>
/// Headers that make browsers stricter with every response, the storefront's pages included: no MIME sniffing, no
/// framing by other sites, referrers cut to the origin across sites, and no Server header. A header the app set itself is kept.
/// </summary>
internal static class SecurityHeaders
{
    private static readonly KeyValuePair<string, string>[] Defaults =
    [
        new(HeaderNames.XContentTypeOptions, "nosniff"),
        new(HeaderNames.XFrameOptions, "DENY"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new(HeaderNames.ContentSecurityPolicy, "frame-ancestors 'none'"),
    ];

    public static Task AddAsync(HttpContext context, Func<Task> next)
    {
        // The state overload with a static callback: no closure allocated for every request.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            foreach (var (name, value) in Defaults) headers.TryAdd(name, value);
            // No server software named to the public, the apps' own included.
            headers.Remove(HeaderNames.Server);
            return Task.CompletedTask;
        }, context.Response);
        return next();
    }
}
