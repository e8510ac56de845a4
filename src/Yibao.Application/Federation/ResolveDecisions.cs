using Microsoft.EntityFrameworkCore;
using Yibao.Domain;
using Yibao.Storage;

namespace Yibao.Application.Federation;

/// <summary>
/// An insured node asks what became of messages this node sent it. A message with no decision row
/// is decided now, as aborted: written first, so that a transaction still holding the row (on
/// PostgreSQL) is waited for, and one that never wrote it can no longer commit it.
/// </summary>
public sealed record ResolveDecisions(IReadOnlyList<string> MsgIds);

public sealed class ResolveDecisionsHandler(YibaoDbContext db, TimeProvider clock)
{
    public const int MaxMessages = 500;

    public async Task<Result<DecisionAnswer>> HandleAsync(ResolveDecisions command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var ids = command.MsgIds?.Where(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 40).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (ids.Count is 0 or > MaxMessages)
        {
            return FederationErrors.Invalid.With($"Ask about 1 to {MaxMessages} message ids of at most 40 characters.");
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        foreach (var id in ids)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO federation_decisions (msg_id, kind, setl_id, insured_area, status, decided_at) VALUES ({id}, 'unknown', '', '', {InsuredNodes.Aborted}, {now}) ON CONFLICT (msg_id) DO NOTHING", ct);
        }

        var decisions = await db.FederationDecisions.AsNoTracking().Where(d => ids.Contains(d.MsgId)).ToDictionaryAsync(d => d.MsgId, d => d.Status, ct);
        return new DecisionAnswer(decisions);
    }
}

/// <summary>A treatment node says messages it sent will not take effect (its transaction is rolled back): their entries are undone now.</summary>
public sealed record UndoAbortedEntries(IReadOnlyList<string> MsgIds, string TreatmentNode);

public sealed class UndoAbortedEntriesHandler(YibaoDbContext db, Ledger.LocalPersonLedger ledgers, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(UndoAbortedEntries command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var undone = 0;
        foreach (var id in command.MsgIds?.Take(ResolveDecisionsHandler.MaxMessages) ?? [])
        {
            var own = await db.FederationEntries.AnyAsync(e => e.MsgId == id && e.TreatmentNode == command.TreatmentNode, ct);
            undone += own && await FederationEntries.ResolveAsync(db, ledgers, id, FederationEntries.Aborted, clock.GetUtcNow(), ct) ? 1 : 0;
        }

        return undone;
    }
}
