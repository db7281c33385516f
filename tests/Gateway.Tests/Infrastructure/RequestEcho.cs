namespace SpaceOfSport.Gateway.Tests.Infrastructure;

/// <summary>What a fake app saw of a request: the echo endpoint answers with it.</summary>
public sealed record RequestEcho(string Method, string Path, Dictionary<string, string> Headers, long BodyLength)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>Maps <c>/{**path}</c> to an echo of the request.</summary>
    public static void MapEcho(IEndpointRouteBuilder endpoints) => endpoints.Map("/{**path}", async (HttpContext context) =>
    {
        var body = 0L;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0) body += read;
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        return Results.Ok(new RequestEcho(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
    });
}
