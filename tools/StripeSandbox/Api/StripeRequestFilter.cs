using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StripeSandbox.Events;

namespace StripeSandbox.Api;

/// <summary>
/// What every <c>/v1</c> request goes through, as at Stripe: a test secret key (<c>Authorization: Bearer sk_test_...</c>),
/// any <c>Stripe-Version</c>, a <c>Request-Id</c> on the answer, errors as Stripe error objects, and
/// <c>Idempotency-Key</c> semantics on POST (https://docs.stripe.com/api/idempotent_requests): the same key with the
/// same parameters replays the first answer (with <c>Idempotent-Replayed: true</c>), with other parameters is a 400
/// <c>idempotency_error</c>, and while the first is still running a 409 <c>idempotency_key_in_use</c>.
/// </summary>
public sealed class StripeRequestFilter(IOptions<SandboxOptions> options, IdempotentResults idempotentResults) : IEndpointFilter
{
    public const string VersionHeader = "Stripe-Version";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RequestContext Context(HttpContext httpContext) => (RequestContext)httpContext.Items[typeof(RequestContext)]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var requestId = StripeIds.New("req", 14);
        http.Response.Headers["Request-Id"] = requestId;
        var apiVersion = http.Request.Headers[VersionHeader] is { Count: > 0 } version ? version.ToString() : options.Value.DefaultApiVersion;
        http.Response.Headers[VersionHeader] = apiVersion;

        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= "Bearer ".Length)
            return StripeJson.From(StripeErrorException.Authentication(
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."));
        var apiKey = authorization["Bearer ".Length..];
        if (!apiKey.StartsWith("sk_test_", StringComparison.Ordinal))
            return StripeJson.From(StripeErrorException.Authentication($"Invalid API Key provided: {Redact(apiKey)}. The sandbox accepts test secret keys (sk_test_...) only."));

        var idempotencyKey = HttpMethods.IsPost(http.Request.Method) && http.Request.Headers[IdempotencyHeader] is { Count: > 0 } key ? key.ToString() : null;
        http.Items[typeof(RequestContext)] = new RequestContext(requestId, idempotencyKey, apiVersion);
        if (idempotencyKey is null) return await RunAsync(invocation, next);

        http.Response.Headers[IdempotencyHeader] = idempotencyKey;
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
        var fingerprint = $"{http.Request.Method} {http.Request.Path}?{StripeForm.Fingerprint(form?.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())) ?? [])}";
        var scopedKey = $"{apiKey}\n{idempotencyKey}";
        var mine = new IdempotentResult(fingerprint);
        var first = idempotentResults.Results.GetOrAdd(scopedKey, mine);
        if (first != mine)
        {
            if (first.Fingerprint != fingerprint)
                return StripeJson.From(StripeErrorException.Idempotency(
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request."));
            if (first.Answer is not { } answer)
                return StripeJson.From(StripeErrorException.Idempotency(
                    "There is currently another in-progress request using this Idempotency-Key. Please try again later.", StatusCodes.Status409Conflict, "idempotency_key_in_use"));
            http.Response.Headers["Idempotent-Replayed"] = "true";
            return answer;
        }

        var (result, save) = await RunForIdempotencyAsync(invocation, next);
        if (save) mine.Answer = result;
        else idempotentResults.Results.TryRemove(KeyValuePair.Create(scopedKey, mine));
        return result;
    }

    private static async ValueTask<object?> RunAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        (await RunForIdempotencyAsync(invocation, next)).Result;

    private static async ValueTask<(StripeJson Result, bool Save)> RunForIdempotencyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            var result = await next(invocation);
            return ((StripeJson)result!, true);
        }
        catch (StripeErrorException error)
        {
            return (StripeJson.From(error), error.SaveForIdempotency);
        }
    }

    private static string Redact(string key) => key.Length <= 8 ? "****" : $"{key[..8]}****{key[^4..]}";
}

/// <summary>The answers saved per API key and idempotency key (kept for the sandbox's lifetime; Stripe keeps them 24 hours).</summary>
public sealed class IdempotentResults
{
    public ConcurrentDictionary<string, IdempotentResult> Results { get; } = new(StringComparer.Ordinal);
}

public sealed class IdempotentResult(string fingerprint)
{
    private StripeJson? _answer;

    public string Fingerprint { get; } = fingerprint;

    /// <summary>Null while the first request with the key still runs.</summary>
    public StripeJson? Answer
    {
        get => Volatile.Read(ref _answer);
        set => Volatile.Write(ref _answer, value);
    }
}
