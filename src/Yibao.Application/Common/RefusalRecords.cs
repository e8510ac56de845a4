using Yibao.Storage;

namespace Yibao.Application;

/// <summary>
/// What must be recorded although the request is refused, and its transaction rolled back: a
/// tampered prescription, another person's token. A use case notes the record; whoever owns the
/// transaction saves the notes after the rollback (the gateway's and native API's writes, or the
/// use case itself), still inside the write gate.
/// </summary>
public sealed class RefusalRecords
{
    private readonly List<Action<YibaoDbContext>> _pending = [];

    public void Note(Action<YibaoDbContext> add) => _pending.Add(add);

    public bool Any => _pending.Count > 0;

    /// <summary>Saves the notes (the caller's transaction is over: rolled back) and forgets them.</summary>
    public async Task FlushAsync(YibaoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_pending.Count == 0)
        {
            return;
        }

        db.ChangeTracker.Clear();
        foreach (var add in _pending)
        {
            add(db);
        }

        _pending.Clear();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
