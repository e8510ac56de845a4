using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Yibao.Storage;

/// <summary>
/// What this process has heard of changes that other processes' caches depend on, counted per kind:
/// moves of the reference revision (its own reference writes, as each commits, and on PostgreSQL
/// every other process's, announced on <see cref="ReferenceChannel"/> by a trigger on the
/// revision), and sign-outs of the gateway's sessions (announced on <see cref="SignOutChannel"/>
/// by a trigger on the sign-ins). <see cref="ListenAsync"/> hears both on one connection. While it
/// listens, what a process cached at a count stays good until that count moves, and needs no read
/// to know it. While it does not (SQLite; the listening connection lost or not yet open), nothing
/// is known of other processes' writes: each unit of work reads what it needs.
/// </summary>
public sealed class ChangeSignals
{
    public const string ReferenceChannel = "yibao_reference";
    public const string SignOutChannel = "yibao_sign_out";

    private long _referenceMoves;
    private long _signOuts;
    private volatile bool _listening;

    /// <summary>How many moves of the reference revision (and changes of listening) this process has heard of.</summary>
    public long ReferenceMoves => Interlocked.Read(ref _referenceMoves);

    /// <summary>How many sign-outs (and changes of listening) this process has heard of.</summary>
    public long SignOuts => Interlocked.Read(ref _signOuts);

    /// <summary>Whether every other process's change is heard: the listening connection is open and listening.</summary>
    public bool Listening => _listening;

    /// <summary>The reference revision moved, or may have.</summary>
    public void ReferenceMoved() => Interlocked.Increment(ref _referenceMoves);

    /// <summary>A session signed out, or may have.</summary>
    public void SignedOut() => Interlocked.Increment(ref _signOuts);

    /// <summary>Every count moves: what was cached before is not trusted after.</summary>
    private void AllMoved()
    {
        ReferenceMoved();
        SignedOut();
    }

    /// <summary>
    /// Listens on PostgreSQL until cancelled, reconnecting after a lost connection (1 s, doubling
    /// to 30 s). What was cached before listening began is never trusted: the counts move as
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
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == SignOutChannel)
                    {
                        SignedOut();
                    }
                    else
                    {
                        ReferenceMoved();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ReferenceChannel}; LISTEN {SignOutChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                AllMoved();
                _listening = true;
                pause = TimeSpan.FromSeconds(1);
                logger.LogInformation("Listening for reference revisions and sign-outs on {Reference} and {SignOut}", ReferenceChannel, SignOutChannel);
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
                logger.LogWarning(ex, "Not listening for reference revisions and sign-outs: each request reads what it needs until listening again in {Pause}", pause);
            }
            finally
            {
                _listening = false;
                AllMoved();
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

/// <summary>
/// Tells the signals when a transaction that wrote reference data, or signed a session out, commits
/// (the process hears its own changes at once, not only when PostgreSQL announces them); a
/// rollback only forgets the write.
/// </summary>
internal sealed class CommittedChanges(ChangeSignals signals) : DbTransactionInterceptor
{
    private void Ended(TransactionEndEventData eventData, bool committed)
    {
        if (eventData.Context is not YibaoDbContext db)
        {
            return;
        }

        if (committed && db.ReferenceWritten)
        {
            signals.ReferenceMoved();
        }

        if (committed && db.SignOutWritten)
        {
            signals.SignedOut();
        }

        db.ReferenceWritten = false;
        db.SignOutWritten = false;
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
