
namespace Yibao.Storage;

/// <summary>
/// Serializes writes where the database cannot: SQLite has one writer, and a deferred transaction
/// that upgrades to a write can fail instead of waiting, so the embedded default takes a process-wide
/// gate. PostgreSQL needs no gate: writers serialize on the person's ledger row (the application's ledger port locks it).
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
