using Microsoft.Net.Http.Headers;
using SpaceOfSport.BuildingBlocks.Http;

namespace SpaceOfSport.Catalog.Apis;

/// <summary>Strong ETags from an entity's version; updates must carry a matching <c>If-Match</c>.</summary>
public static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    public static void Set(HttpContext context, int version) => context.Response.Headers.ETag = Of(version);

    /// <summary>428 when <c>If-Match</c> is missing, 412 when it names another version, null when it matches.</summary>
    public static PreconditionProblem? Precondition(HttpContext context, int currentVersion)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch)) return PreconditionProblem.Required("Send the ETag of the version you are changing in If-Match.");
        if (ifMatch.Trim() == "*") return null;
        var current = Of(currentVersion);
        var matches = EntityTagHeaderValue.TryParseList([ifMatch], out var tags)
            && tags.Any(tag => !tag.IsWeak && tag.Tag.ToString() == current);
        return matches ? null : PreconditionProblem.Failed($"The resource changed: its current ETag is {current}.");
    }
}
