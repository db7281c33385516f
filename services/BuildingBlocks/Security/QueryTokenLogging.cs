namespace SpaceOfSport.BuildingBlocks.Security;

/// <summary>
/// Browsers cannot set headers on a WebSocket, so SignalR's clients send the access token (or a one-time ticket) as
/// the <c>access_token</c> query of the hub's URL. The framework's request lines (ASP.NET Core's "Request starting
/// ... ?access_token=...", YARP's "Proxying to ...") print the query at Information; they are held at Warning here,
/// whatever the configuration says, so no credential reaches a log.
/// </summary>
public static class QueryTokenLogging
{
    public static readonly IReadOnlyList<string> Categories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Http.Connections",
        "Yarp.ReverseProxy.Forwarder",
    ];

    public static ILoggingBuilder KeepQueryTokensOutOfLogs(this ILoggingBuilder logging)
    {
        foreach (var category in Categories) logging.AddFilter(category, level => level >= LogLevel.Warning);
        return logging;
    }
}
