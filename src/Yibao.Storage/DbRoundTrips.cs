using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Yibao.Storage;

/// <summary>
/// Counts the round trips a context makes to its database: every command, and every transaction's
/// begin, commit and rollback. For measuring a flow's cost in round trips (tests and benchmarks);
/// attach it with <see cref="StorageOptions.Interceptors"/>.
/// </summary>
public sealed class DbRoundTrips : DbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>The round trips since the last reset, in order: SQL texts, and BEGIN / COMMIT / ROLLBACK.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _commands.Clear();
    }

    private void Add(string what = "")
    {
        Interlocked.Increment(ref _count);
        if (_commands.Count < 1000)
        {
            _commands.Enqueue(what.Length > 160 ? what[..160] : what);
        }
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command.CommandText.ReplaceLineEndings(" "));
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command.CommandText.ReplaceLineEndings(" "));
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Add(command.CommandText.ReplaceLineEndings(" "));
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Add(command.CommandText.ReplaceLineEndings(" "));
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command.CommandText.ReplaceLineEndings(" "));
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Add(command.CommandText.ReplaceLineEndings(" "));
        return result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Add("BEGIN");
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Add("COMMIT");
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Add("ROLLBACK");
        return ValueTask.FromResult(result);
    }
}
