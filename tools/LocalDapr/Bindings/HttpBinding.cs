using System.Globalization;
using System.Net.Http.Headers;
using LocalDapr.Components;

namespace LocalDapr.Bindings;

/// <summary>
/// <c>bindings.http</c> (https://docs.dapr.io/reference/components-reference/supported-bindings/http/): each operation is
/// the HTTP method of a request to <c>url</c>. Request metadata <c>path</c> is appended to the url, metadata keys that
/// start with a capital letter are sent as headers, and <c>errorIfNot2XX</c> (component or request) decides whether a
/// non-2xx answer is an error. The answer's metadata holds <c>statusCode</c>, <c>status</c> and the response headers.
/// </summary>
public sealed class HttpBinding : IOutputBinding, IDisposable
{
    private static readonly HashSet<string> TraceHeaders = new(StringComparer.Ordinal) { "traceparent", "tracestate", "baggage" };

    private readonly string _url;
    private readonly TimeSpan? _responseTimeout;
    private readonly string? _securityToken;
    private readonly string? _securityTokenHeader;
    private readonly bool _errorIfNot2XX;
    private readonly HttpClient _client;

    public HttpBinding(ComponentContext context)
    {
        _url = context.Required("url");
        if (!Uri.TryCreate(_url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw context.Error($"metadata 'url' must be an absolute http(s) URL, not '{_url}'");
        _responseTimeout = context.Optional("responseTimeout") is null ? null : context.Duration("responseTimeout", TimeSpan.Zero);
        _securityToken = context.Optional("securityToken");
        _securityTokenHeader = context.Optional("securityTokenHeader");
        _errorIfNot2XX = context.Optional("errorIfNot2XX") is not { } flag || IsTruthy(flag);
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15), AllowAutoRedirect = true })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public IReadOnlyCollection<string> Operations { get; } = ["create", "get", "head", "post", "put", "patch", "delete", "options", "trace"];

    public async Task<BindingResponse> InvokeAsync(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        // "create" is kept by Dapr for backward compatibility and means POST.
        var method = operation == "create" ? HttpMethod.Post : HttpMethod.Parse(operation.ToUpperInvariant());
        var url = metadata.GetValueOrDefault("path") is { Length: > 0 } path ? _url.TrimEnd('/') + "/" + path.TrimStart('/') : _url;
        var errorIfNot2XX = metadata.GetValueOrDefault("errorIfNot2XX") is { Length: > 0 } flag ? IsTruthy(flag) : _errorIfNot2XX;

        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            request.Content = new ByteArrayContent(data);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        }

        request.Headers.Accept.ParseAdd("application/json; charset=utf-8");
        if (_securityToken is not null && _securityTokenHeader is not null) SetHeader(request, _securityTokenHeader, _securityToken);
        foreach (var (key, value) in metadata)
        {
            if ((key.Length > 0 && char.IsAsciiLetterUpper(key[0])) || (TraceHeaders.Contains(key) && value.Length > 0))
                SetHeader(request, key, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_responseTimeout is { } limit) timeout.CancelAfter(limit);
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var answer = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["statusCode"] = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                ["status"] = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(),
            };
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers)) answer[name] = string.Join(", ", values);
            if (errorIfNot2XX && !response.IsSuccessStatusCode)
                throw new HttpRequestException($"received status code {(int)response.StatusCode}", null, response.StatusCode);
            return new BindingResponse(body, answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer from {url} within responseTimeout {_responseTimeout}");
        }
    }

    public void Dispose() => _client.Dispose();

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        if (request.Content is not null && name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            request.Content.Headers.Remove(name);
            request.Content.Headers.TryAddWithoutValidation(name, value);
            return;
        }

        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>Dapr's notion of a true flag: 1, t, true, y, yes, on (any case).</summary>
    private static bool IsTruthy(string value) =>
        value.Trim().ToLowerInvariant() is "1" or "t" or "true" or "y" or "yes" or "on";
}
