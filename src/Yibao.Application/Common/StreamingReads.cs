using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Yibao.Storage;

namespace Yibao.Application;

/// <summary>
/// What the batches that stream a large read (a policy simulation, the after-event supervision) share:
/// one snapshot to read in, and one plain SQL statement that both providers take (the schema's names
/// are the same), read column by column as it streams.
/// </summary>
internal static class StreamingReads
{
    /// <summary>On PostgreSQL, one repeatable-read snapshot, so the read adds up while settling goes on; none on SQLite, whose reader already sees one.</summary>
    public static async Task<IDbContextTransaction?> SnapshotAsync(YibaoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.IsPostgres() ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct) : null;
    }

    /// <summary>The statement on the context's connection, opened, in its transaction if any, with its parameters.</summary>
    public static async Task<DbCommand> CommandAsync(YibaoDbContext db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parameters);
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
