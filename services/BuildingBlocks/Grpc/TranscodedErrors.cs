using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace SpaceOfSport.BuildingBlocks.Grpc;

/// <summary>
/// gRPC JSON transcoding answers an error with the JSON form of <c>google.rpc.Status</c> (<c>{"code":3,"message":...}</c>)
/// and has no hook to change it. A unary transcoded call's answer is small, so it is written to a buffer first: a
/// success is copied through unchanged; an error becomes a problem document with the same HTTP status and headers
/// (Retry-After included), the status message as <c>detail</c> and the gRPC code as <c>grpcStatus</c>.
/// </summary>
public static class TranscodedErrors
{
    public const string GrpcStatusExtension = "grpcStatus";

    public static async Task WriteAsProblemDetailsAsync(HttpContext context, RequestDelegate transcode)
    {
        var response = context.Features.Get<IHttpResponseBodyFeature>()!;
        await using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await transcode(context);
        }
        finally
        {
            context.Features.Set(response);
        }

        if (context.Response.StatusCode < StatusCodes.Status400BadRequest)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
            return;
        }

        var (code, message) = ReadStatus(buffer);
        context.Response.ContentLength = null;
        context.Response.ContentType = null;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = ReasonPhrases.GetReasonPhrase(context.Response.StatusCode),
                Detail = message,
                Extensions = { [GrpcStatusExtension] = code.ToString() },
            },
        });
    }

    private static (StatusCode Code, string? Message) ReadStatus(MemoryStream buffer)
    {
        try
        {
            using var status = JsonDocument.Parse(buffer.ToArray());
            var code = status.RootElement.TryGetProperty("code", out var value) && value.TryGetInt32(out var number) ? (StatusCode)number : StatusCode.Unknown;
            var message = status.RootElement.TryGetProperty("message", out var text) ? text.GetString() : null;
            return (code, string.IsNullOrEmpty(message) ? null : message);
        }
        catch (JsonException)
        {
            return (StatusCode.Unknown, null);
        }
    }
}
