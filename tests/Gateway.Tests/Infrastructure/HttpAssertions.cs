using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace SpaceOfSport.Gateway.Tests.Infrastructure;

public static class HttpAssertions
{
    /// <summary>A 503 that says when to come back (RFC 9110 section 10.2.3): a few seconds, as a shop that is starting needs.</summary>
    public static void ShouldSayRetryAfterAFewSeconds(this HttpResponseMessage response)
    {
        response.Headers.RetryAfter.Should().NotBeNull("a 503 says when to retry");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    /// <summary>Asserts an RFC 9457 answer (https://www.rfc-editor.org/rfc/rfc9457) with <paramref name="status"/> and returns it.</summary>
    public static async Task<ProblemDetails> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        problem.Should().NotBeNull();
        problem!.Status.Should().Be((int)status);
        problem.Title.Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    public static async Task<RequestEcho> ShouldBeEchoAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return (await response.Content.ReadFromJsonAsync<RequestEcho>())!;
    }
}
