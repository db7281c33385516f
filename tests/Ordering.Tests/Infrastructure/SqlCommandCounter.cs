using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SpaceOfSport.Ordering.Tests.Infrastructure;

/// <summary>
/// Keeps the SQL commands a service's DbContext sends, leaving out the outbox dispatcher's own polling (it runs in the
/// background whatever a test does), so a test can count what one request cost.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Reset() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Keep(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Keep(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private void Keep(DbCommand command)
    {
        if (!command.CommandText.Contains("outbox_messages", StringComparison.Ordinal)) _commands.Enqueue(command.CommandText);
    }
}

public static class SqlCommandCounterExtensions
{
    /// <summary>Adds <paramref name="counter"/> to the interceptors of <typeparamref name="TContext"/> (the provider's context type).</summary>
    public static IServiceCollection AddSqlCommandCounter<TContext>(this IServiceCollection services, SqlCommandCounter counter)
        where TContext : DbContext =>
        services.ConfigureDbContext<TContext>(options => options.AddInterceptors(counter));
}
