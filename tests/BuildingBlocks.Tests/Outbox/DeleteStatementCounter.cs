using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SpaceOfSport.BuildingBlocks.Tests.Outbox;

/// <summary>Counts the DELETE statements a context sends, to see pruning work in batches.</summary>
public sealed class DeleteStatementCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
