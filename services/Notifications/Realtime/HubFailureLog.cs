using Microsoft.AspNetCore.SignalR;

namespace SpaceOfSport.Notifications.Realtime;

/// <summary>
/// Logs what goes wrong in a hub method, but not a refusal: a <see cref="HubException"/> (another user's channel, a
/// limit) is the client's answer, not a failure. SignalR's dispatcher, which logs both with a stack trace at Error, is
/// held at Critical in appsettings.json.
/// </summary>
public sealed partial class HubFailureLog(ILogger<HubFailureLog> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception exception) when (exception is not HubException and not OperationCanceledException)
        {
            LogFailed(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Error, "Hub method {Method} failed on connection {ConnectionId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string connectionId);
}
