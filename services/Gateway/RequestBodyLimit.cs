using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace SpaceOfSport.Gateway;

/// <summary>
/// Caps request bodies at <see cref="GatewayOptions.MaxRequestBodySize"/>: a declared length over the cap is refused
/// at once; a chunked body is cut by Kestrel while it streams (the proxy then answers 413, see ProxyApi).
/// </summary>
internal static class RequestBodyLimit
{
    public static async Task EnforceAsync(HttpContext context, Func<Task> next)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodySize;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await WriteTooLargeAsync(context, limit);
            return;
        }

        await next();
    }

    public static ValueTask WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"The request body exceeds the limit of {limit} bytes.",
            },
        });
    }
}
