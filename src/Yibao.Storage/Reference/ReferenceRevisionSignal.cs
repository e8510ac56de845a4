using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Yibao.Storage.Reference;

/// <summary>
/// What this process has heard of the reference revision moving: its own reference writes, as
/// each commits, and on PostgreSQL every other process's, announced on the channel
/// <see cref="Channel"/> by a trigger on the revision and heard by <see cref="ListenAsync"/>.
/// While it listens, a cache of reference data taken at a count of <see cref="Moves"/> stays good
/// until the count moves, and needs no read of the revision. While it does not (SQLite; the
/// listening connection lost or not yet open), nothing is known of other processes' writes: each
/// unit of work reads the revision.
/// </summary>
public sealed class ReferenceRevisionSignal
{
    public const string Channel = "yibao_reference";

    private long _moves;
    private volatile bool _listening;

    /// <summary>How many moves (and changes of listening) this process has heard of.</summary>
    public long Moves => Interlocked.Read(ref _moves);

    /// <summary>Whether every other process's move is heard: the listening connection is open and listening.</summary>
    public bool Listening => _listening;

    /// <summary>The reference revision moved, or may have.</summary>
    public void Moved() => Interlocked.Increment(ref _moves);

    /// <summary>
    /// Listens on PostgreSQL until cancelled, reconnecting after a lost connection (1 s, doubling
    /// to 30 s). What was cached before listening began is never trusted: the count moves as
    /// listening starts and as it stops.
    /// </summary>
    public async Task ListenAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(logger);

        // Its own connection, never pooled (a pooled one would carry the LISTEN to its next user),
        // with keepalives so that a silent network is noticed while waiting.
        var listener = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        var pause = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listener);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => Moved();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                Moved();
                _listening = true;
                pause = TimeSpan.FromSeconds(1);
                logger.LogInformation("Listening for reference revisions on {Channel}", Channel);
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Not listening for reference revisions: each request reads the revision until listening again in {Pause}", pause);
            }
            finally
            {
                _listening = false;
                Moved();
            }

            try
            {
                await Task.Delay(pause, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
        }
    }
}

/// <summary>Tells the signal when a transaction that wrote reference data commits; a rollback only forgets the write.</summary>
internal sealed class ReferenceCommits(ReferenceRevisionSignal signal) : DbTransactionInterceptor
{
    private void Ended(TransactionEndEventData eventData, bool committed)
    {
        if (eventData.Context is YibaoDbContext { ReferenceWritten: true } db)
        {
            db.ReferenceWritten = false;
            if (committed)
            {
                signal.Moved();
            }
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Ended(eventData, committed: true);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData, committed: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Ended(eventData, committed: false);
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData, committed: false);
        return Task.CompletedTask;
    }
}
