using System.Globalization;

namespace SpaceOfSport.Gateway;

/// <summary>
/// The gateway's 503: something behind it is not answering yet (a shop still starting) or for now. Always a problem
/// document with <c>Retry-After</c> (RFC 9110 section 10.2.3), so browsers, crawlers and API clients know the outage is
/// temporary and when to come back, rather than a 500 that reads as a broken shop.
/// </summary>
internal static class ServiceUnavailable
{
    /// <summary>A service that is starting is usually up within a few seconds.</summary>
    public const int RetryAfterSeconds = 5;

    public static Task WriteAsync(HttpContext context, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        }).AsTask();
    }
}
