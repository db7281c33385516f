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
        context.Response.OnStarting(() =>
        {
            foreach (var (name, value) in Defaults) context.Response.Headers.TryAdd(name, value);
            // No server software named to the public, the apps' own included.
            context.Response.Headers.Remove(HeaderNames.Server);
            return Task.CompletedTask;
        });
        return next();
    }
}
