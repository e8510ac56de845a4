using Microsoft.EntityFrameworkCore;

namespace Yibao.Storage;

/// <summary>
/// Serializes writes where the database cannot: SQLite has one writer, and a deferred transaction
/// that upgrades to a write can fail instead of waiting, so the embedded default takes a process-wide
/// gate. PostgreSQL needs no gate: writers serialize on the person's row (<see cref="LockPersonAsync"/>).
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _sqlite = new(1, 1);

    public async ValueTask<IDisposable?> EnterAsync(YibaoDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.IsPostgres())
        {
            return null;
        }

        await _sqlite.WaitAsync(cancellationToken);
        return new Release(_sqlite);
    }

    /// <summary>
    /// Locks the person's account row until the transaction ends: concurrent settlements and
    /// cancellations for one person (two institutions at once, a retry racing its original) take turns.
    /// </summary>
    public static async Task LockPersonAsync(YibaoDbContext db, string psnNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.IsPostgres())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM personal_accounts WHERE psn_no = {psnNo} FOR UPDATE", cancellationToken);
        }
    }

    public void Dispose() => _sqlite.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
