using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application;

/// <summary>The refusal of a write whose rows changed under it.</summary>
public static class ConcurrencyErrors
{
    /// <summary>The same code the doors give a concurrent write.</summary>
    public static readonly ErrorCode ConcurrentUpdate = new("concurrent_update", ErrorKind.Conflict);
}

/// <summary>A use case's changes commit together, or not at all.</summary>
public static class UnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (behind the SQLite write gate): a success is saved
    /// and committed, a refusal rolled back and forgotten.
    /// </summary>
    public static Task<Result<T>> InTransactionAsync<T>(this YibaoDbContext db, WriteGate gate, Func<Task<Result<T>>> work, CancellationToken ct) =>
        db.InTransactionAsync(gate, null, work, ct);

    /// <summary>The same, and what the work noted to survive a refusal is saved after the rollback, still behind the gate.</summary>
    public static async Task<Result<T>> InTransactionAsync<T>(this YibaoDbContext db, WriteGate gate, RefusalRecords? refusals, Func<Task<Result<T>>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(work);
        using var entered = await gate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = await work();
        if (outcome.IsSuccess)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A row this work read moved on (its version) before the save: nothing is written; the caller may retry.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return ConcurrencyErrors.ConcurrentUpdate.With("A concurrent request changed the same data; retry.");
            }

            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (refusals is not null)
            {
                await refusals.FlushAsync(db, CancellationToken.None);
            }
        }

        return outcome;
    }
}
