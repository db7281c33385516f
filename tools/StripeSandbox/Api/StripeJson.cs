using System.Text.Json.Nodes;

namespace StripeSandbox.Api;

/// <summary>A Stripe JSON answer with its status code.</summary>
public sealed class StripeJson(int status, JsonObject body) : IResult
{
    public int Status { get; } = status;

    public string Body { get; } = body.ToJsonString();

    public static StripeJson Ok(JsonObject body) => new(StatusCodes.Status200OK, body);

    public static StripeJson From(StripeErrorException error) => new(error.Status, error.Body());

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = "application/json";
        return httpContext.Response.WriteAsync(Body);
    }
}
